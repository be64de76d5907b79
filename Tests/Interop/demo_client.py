"""Ask `opsramp-mcp-server --demo` the operator questions through the official MCP Python SDK (1.x or 2.x).

Usage: python demo_client.py MODE SERVER_BINARY SERVER_ENV_JSON
  MODE: legacy (initialize handshake) or auto (mcp.Client's default, 2.x only)

Checks what a host would show (every tool result says the data is sample data, in its structured
content and its text; the instructions and title say so too) and prints one JSON line with the
answers, for the Swift test to compare with the demo tenant's own data. Exits non-zero on the first
failure, or if the SDK logged a warning (a malformed message, a result that failed validation, ...).
"""
import json
import logging
import sys
from datetime import timedelta
from importlib.metadata import version

import anyio

SDK_VERSION = version("mcp")
SDK_MAJOR = int(SDK_VERSION.split(".")[0])

# The operator's three questions, as a model would put them to the tools.
QUESTIONS = {
    "critical_last_hour": ("get_alerts", {"states": ["Critical"], "since": "1h"}),
    "ec2_status": ("get_minimal_resource_details", {"type": "AWS EC2"}),
    "attention": ("get_alert_statistics_dashboard", {"since": "24h", "by_priority": True, "top": 20}),
}
# The tools the questions do not touch, so that every tool's notice is seen.
OTHERS = {
    "execute_opsql_query": {"query": {"objectType": "resource", "fields": ["name", "state"], "filterCriteria": "make = \"AWS\""}},
    "get_query_examples": {"category": "alerts"},
    "get_release_version": {},
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


async def ask(session, outcome):
    tools = await session.list_tools()
    names = {tool.name for tool in tools.tools}
    check(names == {name for name, _ in QUESTIONS.values()} | set(OTHERS), f"tools/list returned {sorted(names)}")
    notices = {}

    async def call(name, arguments):
        result = await session.call_tool(name, arguments)
        check(not is_error(result), f"{name} failed: {text_of(result)}")
        content = structured(result)
        check(isinstance(content, dict), f"{name} has no structuredContent")
        check(json.loads(text_of(result)) == content, f"{name}: text and structuredContent differ")
        notice = content.get("notice", "")
        check("sample data" in notice, f"{name} does not say its data is sample data: {content}")
        notices[name] = notice
        return content

    outcome["answers"] = {key: await call(name, arguments) for key, (name, arguments) in QUESTIONS.items()}
    for name, arguments in OTHERS.items():
        await call(name, arguments)
    failure = await session.call_tool("get_alerts", {"since": "yesterday at noon"})
    check(is_error(failure) and "sample data" in text_of(failure), f"an error without the notice: {text_of(failure)}")
    outcome["notices"] = notices


async def run_v1(mode, command, environment, outcome):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    check(mode == "legacy", "the 1.x SDK speaks only the handshake revisions")
    parameters = StdioServerParameters(command=command, args=["--demo"], env=environment)
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=timedelta(seconds=30)) as session:
            initialized = await session.initialize()
            outcome.update(protocol=initialized.protocolVersion, instructions=initialized.instructions,
                           title=initialized.serverInfo.title)
            await ask(session, outcome)


async def run_v2(mode, command, environment, outcome):
    from mcp import ClientSession, StdioServerParameters, stdio_client

    parameters = StdioServerParameters(command=command, args=["--demo"], env=environment)
    if mode == "auto":
        from mcp import Client
        async with Client(parameters, read_timeout_seconds=30) as client:
            outcome.update(protocol=client.protocol_version, instructions=client.instructions,
                           title=client.server_info.title if client.server_info else None)
            await ask(client, outcome)
        return
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=30) as session:
            initialized = await session.initialize()
            outcome.update(protocol=initialized.protocol_version, instructions=initialized.instructions,
                           title=initialized.server_info.title)
            await ask(session, outcome)


def main():
    mode, command, environment = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    collector = WarningCollector()
    logging.getLogger().addHandler(collector)
    logging.getLogger().setLevel(logging.WARNING)
    outcome = {"sdk": SDK_VERSION, "mode": mode}
    try:
        runner = run_v1 if SDK_MAJOR < 2 else run_v2
        anyio.run(runner, mode, command, environment, outcome)
        if collector.records:
            raise AssertionError("SDK warnings: " + " | ".join(collector.records[:5]))
        outcome["ok"] = True
    except BaseException as error:  # report everything, including anyio exception groups
        outcome.update(ok=False, error=f"{type(error).__name__}: {error}")
    print(json.dumps(outcome))
    sys.exit(0 if outcome["ok"] else 1)


if __name__ == "__main__":
    main()
