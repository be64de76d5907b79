#!/usr/bin/env python3
"""Network fixtures for the corporate-network tests, on 127.0.0.1 only.

  net_fixture.py tls --cert CERT --key KEY --backend PORT
      A TLS front: terminates TLS with CERT/KEY and passes the plaintext to 127.0.0.1:PORT
      (the fake OpsRamp). Reports each handshake, failed or not, and the bytes it passed on.

  net_fixture.py proxy --map HOST:PORT=BACKEND ...
      A forward HTTP proxy as corporate networks run them: CONNECT tunnels for https:// and
      absolute-form requests for http://. It resolves nothing: each HOST:PORT a client asks for
      is mapped to 127.0.0.1:BACKEND, and any other target is refused (403).

Each prints one JSON object per line on stdout: first {"event": "ready", "port": N}, then one
per event. Both stop when stdin closes, and after 300 seconds at most.
"""
import argparse
import json
import socket
import ssl
import sys
import threading

LOCK = threading.Lock()


def report(**event):
    with LOCK:
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()


def listen():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    return server


def pipe(source, destination, counter, key):
    """Copies bytes until either side closes; adds the count to counter[key]."""
    try:
        while True:
            chunk = source.recv(65536)
            if not chunk:
                break
            counter[key] += len(chunk)
            destination.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, destination):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def tunnel(client, backend):
    counter = {"from_client": 0, "from_backend": 0}
    forward = threading.Thread(target=pipe, args=(client, backend, counter, "from_client"), daemon=True)
    forward.start()
    pipe(backend, client, counter, "from_backend")
    forward.join(timeout=5)
    return counter


def serve_tls(args):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server = listen()
    report(event="ready", port=server.getsockname()[1])

    def handle(raw):
        try:
            client = context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as error:
            report(event="handshake_failed", reason=str(error)[:200])
            raw.close()
            return
        report(event="tls_connected")
        backend = socket.create_connection(("127.0.0.1", args.backend))
        counter = tunnel(client, backend)
        report(event="closed", plaintext_from_client=counter["from_client"])
        client.close()
        backend.close()

    accept_forever(server, handle)


def read_head(sock, buffer):
    """Reads until the end of an HTTP head; returns (head, rest) or (None, buffer) at EOF."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None, buffer
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    return head.decode("latin-1"), rest


def serve_proxy(args):
    mapping = {}
    for item in args.map:
        target, backend = item.rsplit("=", 1)
        mapping[target.lower()] = int(backend)
    server = listen()
    report(event="ready", port=server.getsockname()[1])

    def refuse(client, target):
        report(event="refused", target=target)
        client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        client.close()

    def handle(client):
        buffer = b""
        while True:
            head, buffer = read_head(client, buffer)
            if head is None:
                client.close()
                return
            lines = head.split("\r\n")
            method, target, version = (lines[0].split(" ") + ["", "", ""])[:3]
            if method == "CONNECT":
                if target.lower() not in mapping:
                    return refuse(client, target)
                report(event="connect", target=target)
                backend = socket.create_connection(("127.0.0.1", mapping[target.lower()]))
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if buffer:
                    backend.sendall(buffer)
                tunnel(client, backend)
                client.close()
                backend.close()
                return
            if not target.startswith("http://"):
                return refuse(client, target)
            authority, _, path = target[len("http://"):].partition("/")
            key = (authority if ":" in authority else authority + ":80").lower()
            if key not in mapping:
                return refuse(client, key)
            report(event="forward", target=key, method=method, path="/" + path)
            headers = [line for line in lines[1:] if not line.lower().startswith(("proxy-", "connection:"))]
            length = 0
            for line in headers:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            while len(buffer) < length:
                chunk = client.recv(65536)
                if not chunk:
                    break
                buffer += chunk
            body, buffer = buffer[:length], buffer[length:]
            request = "\r\n".join([f"{method} /{path} {version}"] + headers + ["Connection: close", "", ""])
            backend = socket.create_connection(("127.0.0.1", mapping[key]))
            backend.sendall(request.encode("latin-1") + body)
            while True:
                chunk = backend.recv(65536)
                if not chunk:
                    break
                client.sendall(chunk)
            backend.close()

    accept_forever(server, handle)


def accept_forever(server, handle):
    def loop():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()
    done = threading.Event()

    def wait_for_stdin():
        sys.stdin.read()
        done.set()

    threading.Thread(target=wait_for_stdin, daemon=True).start()
    done.wait(timeout=300)


def main():
    parser = argparse.ArgumentParser()
    modes = parser.add_subparsers(dest="mode", required=True)
    tls = modes.add_parser("tls")
    tls.add_argument("--cert", required=True)
    tls.add_argument("--key", required=True)
    tls.add_argument("--backend", type=int, required=True)
    proxy = modes.add_parser("proxy")
    proxy.add_argument("--map", action="append", default=[])
    args = parser.parse_args()
    serve_tls(args) if args.mode == "tls" else serve_proxy(args)


if __name__ == "__main__":
    main()
