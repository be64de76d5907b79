"""Ask the built opsramp-mcp-server the operator's three questions through the official MCP Python SDK.

Usage: python questions.py MODE SERVER_BINARY SERVER_ENV_JSON
  MODE: legacy (initialize handshake) or auto (the SDK's default; 2.x only)

Like a model, the script knows no tool names: it reads tools/list and picks, for each question, the
tool whose description speaks to it, then sends the arguments the description suggests. One call per
question. It checks what a host would: the answer is not an error, its text and structuredContent
agree, and every tool name in the answer text is one tools/list offers. Prints one JSON line with the
calls, the byte size of each answer's text and the structured answers, for the caller to check against
the fake's data; exits non-zero on the first failure or on any warning the SDK logs.
"""
import json
import logging
import re
import sys
from importlib.metadata import version

import anyio

SDK_MAJOR = int(version("mcp").split(".")[0])
BASE_NAMES = ["get_alerts", "get_minimal_resource_details", "execute_opsql_query", "get_query_examples",
              "get_alert_statistics_dashboard", "get_release_version"]

# Each question, the words its tool's description must hold, and the arguments a model would send.
QUESTIONS = [
    ("Show me all critical alerts from the last hour", ["Searches OpsRamp alerts", "since"],
     {"states": ["Critical"], "since": "1h"}),
    ("What's the current status of our AWS EC2 instances?", ["type takes plain words", "EC2"],
     {"type": "AWS EC2"}),
    ("Which devices need attention today?", ["need attention"],
     {"since": "today"}),
]


class WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(f"{record.name}: {record.getMessage()}")


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def field(result, old, new):
    return getattr(result, old) if SDK_MAJOR < 2 else getattr(result, new)


def names_in(text):
    """Every tool name the text mentions, with whatever prefix precedes it."""
    found = []
    for base in BASE_NAMES:
        for match in re.finditer(r"([A-Za-z0-9_.-]*)" + re.escape(base) + r"(?![a-z_])", text):
            found.append(match.group(0))
    return found


async def ask(session, report):
    listed = await session.list_tools()
    tools = {tool.name: tool.description or "" for tool in listed.tools}
    report["tools"] = sorted(tools)
    for question, words, arguments in QUESTIONS:
        matching = [name for name, description in tools.items() if all(word in description for word in words)]
        check(len(matching) == 1, f"{question!r}: the descriptions point at {matching}")
        name = matching[0]
        result = await session.call_tool(name, arguments)
        text = result.content[0].text if result.content else ""
        check(not field(result, "isError", "is_error"), f"{name} failed: {text[:300]}")
        structured = field(result, "structuredContent", "structured_content")
        check(isinstance(structured, dict), f"{name}: no structuredContent")
        check(json.loads(text) == structured, f"{name}: text and structuredContent differ")
        for mentioned in names_in(text):
            check(mentioned in tools, f"{name}'s answer names {mentioned}, which tools/list does not offer")
        report["answers"].append({"question": question, "tool": name, "arguments": arguments,
                                  "bytes": len(text.encode()), "structured": structured})


async def run(mode, command, environment, report):
    if SDK_MAJOR < 2:
        from mcp import ClientSession, StdioServerParameters
        from mcp.client.stdio import stdio_client
        check(mode == "legacy", "the 1.x SDK speaks only the handshake revisions")
        parameters = StdioServerParameters(command=command, args=[], env=environment)
        async with stdio_client(parameters) as (read, write):
            async with ClientSession(read, write) as session:
                initialized = await session.initialize()
                report["instructions"] = initialized.instructions or ""
                await ask(session, report)
        return
    from mcp import ClientSession, StdioServerParameters, stdio_client
    parameters = StdioServerParameters(command=command, args=[], env=environment)
    if mode == "auto":
        from mcp import Client
        async with Client(parameters, read_timeout_seconds=30) as client:
            await ask(client, report)
        return
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write, read_timeout_seconds=30) as session:
            initialized = await session.initialize()
            report["instructions"] = initialized.instructions or ""
            await ask(session, report)


def main():
    mode, command, environment = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    collector = WarningCollector()
    logging.getLogger().addHandler(collector)
    logging.getLogger().setLevel(logging.WARNING)
    report = {"sdk": version("mcp"), "mode": mode, "answers": []}
    try:
        anyio.run(run, mode, command, environment, report)
        for mentioned in names_in(report.get("instructions", "")):
            check(mentioned in report["tools"], f"the instructions name {mentioned}, which tools/list does not offer")
        if collector.records:
            raise AssertionError("SDK warnings: " + " | ".join(collector.records[:5]))
        report["ok"] = True
    except BaseException as error:  # report everything, including anyio exception groups
        report.update(ok=False, error=f"{type(error).__name__}: {error}")
    print(json.dumps(report))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
