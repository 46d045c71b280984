"""The small servers and the client of the data-path test (tests/e2e/data-path.e2e.ts).

    data-path.py forward NETNS ADDRESS PORT TARGET_PORT
        Listens on ADDRESS:PORT inside the network namespace NETNS (a path such as
        /var/run/netns/NAME) and forwards every connection to 127.0.0.1:TARGET_PORT of the
        namespace it was started in: how kube-proxy, in its node namespace, reaches an API server
        that listens on loopback only.
    data-path.py echo IDENTITY PORT
        Answers every TCP connection on PORT (any address of its namespace) with one line,
        "IDENTITY ADDRESS" (ADDRESS: the local address the client reached), then closes it.
    data-path.py once ADDRESS PORT
        One connection: prints its answer and exits 0, or exits 1.
    data-path.py connect ADDRESS PORT INTERVAL
        Connects to ADDRESS:PORT one connection after another, a new one every INTERVAL seconds
        (or as soon as the previous one ended, if it took longer), until its standard input
        closes, and prints one line per connection: "<unix time> ok <the answer>" or
        "<unix time> fail <the error>".
"""

import ctypes
import os
import socket
import sys
import threading
import time

CLONE_NEWNET = 0x40000000


def setns(fd):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def pipe(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def forward(netns, address, port, target_port):
    # A socket stays in the namespace it was created in: the listener is made inside NETNS,
    # then the process goes back, so every outgoing connection starts from the original one.
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open(netns, os.O_RDONLY)
    setns(target)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, int(port)))
    listener.listen(64)
    setns(home)
    print("listening", flush=True)
    while True:
        client, _ = listener.accept()
        try:
            upstream = socket.create_connection(("127.0.0.1", int(target_port)), timeout=10)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=pipe, args=(a, b), daemon=True).start()


def echo(identity, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(port)))
    listener.listen(128)
    print("listening", flush=True)
    while True:
        conn, _ = listener.accept()
        try:
            conn.sendall(f"{identity} {conn.getsockname()[0]}\n".encode())
        except OSError:
            pass
        conn.close()


def ask(address, port):
    """One connection's answer; raises OSError when the connection fails or closes unanswered."""
    with socket.create_connection((address, int(port)), timeout=5) as s:
        answer = b""
        while not answer.endswith(b"\n"):
            data = s.recv(256)
            if not data:
                break
            answer += data
    text = answer.decode().strip()
    if not text:
        raise OSError("closed without an answer")
    return text


def once(address, port):
    try:
        print(ask(address, port), flush=True)
    except OSError as err:
        print(err, flush=True)
        sys.exit(1)


def connect(address, port, interval):
    stop = threading.Event()

    def watch_stdin():
        sys.stdin.read()
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    while not stop.is_set():
        started = time.time()
        try:
            line = f"ok {ask(address, port)}"
        except OSError as err:
            line = f"fail {err}"
        print(f"{started:.3f} {line}", flush=True)
        time.sleep(max(0.0, started + float(interval) - time.time()))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"forward": forward, "echo": echo, "once": once, "connect": connect}[command](*args)
