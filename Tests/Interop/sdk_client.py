"""Drive the built opsramp-mcp-server with the official MCP Python SDK (1.x or 2.x).

Usage: python sdk_client.py MODE SERVER_BINARY SERVER_ENV_JSON
  MODE: legacy (initialize handshake), modern (server/discover, 2026-07-28), auto (mcp.Client default)
  SERVER_ENV_JSON: the environment for the server, as a JSON object

The fake OpsRamp behind the server must hang the first get_release_version request, so the
cancellation step has something to cancel. Prints one JSON line with what was checked and exits
non-zero on the first failure, or if the SDK logged any warning (a malformed message, a result
that failed validation, ...).
"""
import json
import logging
import sys
from datetime import timedelta
from importlib.metadata import version

import anyio

SDK_VERSION = version("mcp")
SDK_MAJOR = int(SDK_VERSION.split(".")[0])
TOOLS = {
    "get_alerts", "get_minimal_resource_details", "execute_opsql_query", "get_query_examples",
    "get_alert_statistics_dashboard", "get_release_version",
}


class WarningCollector(logging.Handler):
    """Keeps every WARNING-or-worse record any logger emits during the run."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(f"{record.name}: {record.getMessage()}")


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def text_of(result):
    return result.content[0].text if result.content else ""


def structured(result):
    return getattr(result, "structuredContent", None) if SDK_MAJOR < 2 else result.structured_content


def is_error(result):
    return result.isError if SDK_MAJOR < 2 else result.is_error


async def exercise(session, negotiated, checks):
    """Everything a host does with this server, through one connected session."""
    handshake = negotiated != "2026-07-28"
    if handshake:
        await session.send_ping()
        checks.append("ping")

    tools = await session.list_tools()
    names = {tool.name for tool in tools.tools}
    check(names == TOOLS, f"tools/list returned {sorted(names)}")
    checks.append("tools/list")

    calls = [
        ("get_query_examples", {"category": "alerts"}),
        ("get_alerts", {"states": ["Critical"], "since": "1h"}),
        ("get_alerts", {"since": "7d", "limit": 2}),
        ("get_alerts", {"states": ["Critical", "Warning"], "since": "24h", "group_by": "resource"}),
        ("get_minimal_resource_details", {"host_name": "ec2"}),
        ("get_minimal_resource_details", {"type": "RDS"}),
        ("execute_opsql_query", {"query": {"objectType": "resource", "fields": ["id", "name", "state"],
                                           "filterCriteria": "make = \"AWS\""}}),
        ("get_alert_statistics_dashboard", {"since": "24h", "by_priority": True, "top": 2}),
    ]
    for name, arguments in calls:
        result = await session.call_tool(name, arguments)
        check(not is_error(result), f"{name} failed: {text_of(result)}")
        check(isinstance(structured(result), dict), f"{name} has no structuredContent")
        check(json.loads(text_of(result)) == structured(result), f"{name}: text and structuredContent differ")
        checks.append(f"tools/call {name}")
    bad = await session.call_tool("get_alerts", {"limit": "many"})
    check(is_error(bad) and "limit" in text_of(bad), "bad arguments should be an isError result naming the argument")
    checks.append("tools/call bad arguments")

    resources = await session.list_resources()
    uris = {str(resource.uri) for resource in resources.resources}
    check("opsql://examples" in uris and "opsql://reference" in uris, f"resources/list returned {sorted(uris)}")
    read = await session.read_resource("opsql://reference")
    check("filterCriteria" in read.contents[0].text, "opsql://reference has no filterCriteria section")
    templated = await session.read_resource("opsql://examples/topology")
    check("topology" in templated.contents[0].text, "template read failed")
    templates = await session.list_resource_templates()
    if SDK_MAJOR < 2:
        template_uris = [template.uriTemplate for template in templates.resourceTemplates]
    else:
        template_uris = [template.uri_template for template in templates.resource_templates]
    check("opsql://examples/{category}" in template_uris, f"templates: {template_uris}")
    checks.append("resources")

    prompts = await session.list_prompts()
    prompt_names = {prompt.name for prompt in prompts.prompts}
    check({"alerts_in_window", "resource_group_status", "devices_needing_attention"} <= prompt_names, f"prompts: {prompt_names}")
    prompt = await session.get_prompt("alerts_in_window", {"window": "1h", "state": "Critical"})
    check("get_alerts" in prompt.messages[0].content.text, "prompt does not point at get_alerts")
    checks.append("prompts")

    if negotiated >= "2025-03-26":
        if SDK_MAJOR < 2:
            from mcp import types
            reference = types.PromptReference(type="ref/prompt", name="alerts_in_window")
        else:
            import mcp_types as types
            reference = types.PromptReference(type="ref/prompt", name="alerts_in_window")
        completion = await session.complete(reference, {"name": "state", "value": "C"})
        check(completion.completion.values == ["Critical"], f"completion gave {completion.completion.values}")
        checks.append("completion")

    await cancel_a_call(session, checks)

    # The server still serves after the cancellation, and the hung request did not poison anything.
    result = await session.call_tool("get_release_version", {})
    check(not is_error(result), f"get_release_version after cancel failed: {text_of(result)}")
    checks.append("serving after cancel")


async def cancel_a_call(session, checks):
    """Starts get_release_version (which the fake hangs) and cancels it."""
    if SDK_MAJOR >= 2:
        # 2.x sends notifications/cancelled itself when the caller's scope is cancelled.
        with anyio.move_on_after(1.0) as scope:
            await session.call_tool("get_release_version", {})
        check(scope.cancelled_caught, "the hung call returned instead of being cancelled")
    else:
        # 1.x never sends notifications/cancelled: send it by hand for the id the call will use.
        from mcp import types
        request_id = session._request_id
        with anyio.move_on_after(3.0) as scope:
            async with anyio.create_task_group() as group:
                group.start_soon(session.call_tool, "get_release_version", {})
                await anyio.sleep(0.5)
                await session.send_notification(types.ClientNotification(types.CancelledNotification(
                    method="notifications/cancelled",
                    params=types.CancelledNotificationParams(requestId=request_id, reason="test cancels"))))
        check(scope.cancelled_caught, "the cancelled call got an answer")
    checks.append("cancellation")


async def run_v1(mode, command, environment, checks):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    check(mode == "legacy", "the 1.x SDK speaks only the handshake revisions")
    parameters = StdioServerParameters(command=command, args=[], env=environment)
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=timedelta(seconds=30)) as session:
            initialized = await session.initialize()
            check(initialized.serverInfo.name == "opsramp-mcp-server", "serverInfo.name")
            checks.append(f"initialize {initialized.protocolVersion}")
            await exercise(session, initialized.protocolVersion, checks)


async def run_v2(mode, command, environment, checks):
    from mcp import ClientSession, StdioServerParameters, stdio_client

    parameters = StdioServerParameters(command=command, args=[], env=environment)
    if mode == "auto":
        from mcp import Client
        async with Client(parameters, read_timeout_seconds=30) as client:
            check(client.protocol_version == "2026-07-28", f"auto negotiated {client.protocol_version}")
            checks.append(f"auto {client.protocol_version}")
            await exercise(client, client.protocol_version, checks)
        return
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=30, log_level="info") as session:
            if mode == "legacy":
                initialized = await session.initialize()
                checks.append(f"initialize {initialized.protocol_version}")
            else:
                discovered = await session.discover()
                check("2026-07-28" in discovered.supported_versions, "discover lacks 2026-07-28")
                checks.append(f"discover {session.protocol_version}")
            await exercise(session, session.protocol_version, checks)


def main():
    mode, command, environment = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    collector = WarningCollector()
    logging.getLogger().addHandler(collector)
    logging.getLogger().setLevel(logging.WARNING)
    checks = []
    outcome = {"sdk": SDK_VERSION, "mode": mode}
    try:
        runner = run_v1 if SDK_MAJOR < 2 else run_v2
        anyio.run(runner, mode, command, environment, checks)
        if collector.records:
            raise AssertionError("SDK warnings: " + " | ".join(collector.records[:5]))
        outcome.update(ok=True, checks=checks)
    except BaseException as error:  # report everything, including anyio exception groups
        outcome.update(ok=False, checks=checks, error=f"{type(error).__name__}: {error}")
    print(json.dumps(outcome))
    sys.exit(0 if outcome["ok"] else 1)


if __name__ == "__main__":
    main()
