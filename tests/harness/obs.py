"""A real OBS Studio, headless under Xvfb, for tests and for manual use (scripts/obs-headless).

OBS runs in a throw-away HOME with obs-websocket enabled on a chosen port with a password,
from a seeded scene collection, at a small canvas to keep its CPU use low. Xvfb is started
once and survives OBS restarts, so a test can kill OBS and start it again on the same port.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

COLLECTION = "HostConsoleTest"
PROFILE = "HostConsoleTest"
SEED_COLLECTION = Path(__file__).resolve().parent.parent / "data" / "obs-scenes.json"


def obs_colour(colour: str) -> int:
    """A "#RRGGBB" colour as OBS's colour sources take it: 0xAABBGGRR, opaque."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0xFF000000 | blue << 16 | green << 8 | red


def free_port() -> int:
    """A port free on every address, IPv6 too: obs-websocket listens on both families (it
    logs "Not locked to IPv4 bindings"), so a port free on 127.0.0.1 alone can still be taken
    on [::] — OBS then starts without its server ("Listen failed: Address already in use")."""
    if socket.has_ipv6:
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET6) as probe:
            probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            probe.bind(("::", 0))
            port: int = probe.getsockname()[1]
            return port
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))  # noqa: S104 - only to find a port free on every address
        port = probe.getsockname()[1]
        return port


def websocket_ready(port: int, timeout: float = 0.5) -> bool:
    """True once obs-websocket completes an HTTP upgrade (a listening port is not enough)."""
    key = base64.b64encode(secrets.token_bytes(16)).decode()
    request = (
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: obswebsocket.json\r\n\r\n"
    )
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(request.encode())
            reply = connection.recv(64)
    except OSError:
        return False
    return reply.startswith(b"HTTP/1.1 101")


class Xvfb:
    """A virtual X display, picked by Xvfb itself (-displayfd) so parallel runs never clash."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def start(self) -> None:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is not installed (Debian package: xvfb)")
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1280x720x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display")
        self.display = f":{number}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


class PortTakenError(RuntimeError):
    """OBS started but could not listen: another process took its port first."""


class HeadlessObs:
    """OBS Studio started headless with obs-websocket on ``port`` protected by ``password``."""

    def __init__(
        self,
        root: Path,
        port: int | None = None,
        password: str | None = None,
        canvas: tuple[int, int] = (640, 360),
    ) -> None:
        self.canvas = canvas
        if shutil.which("obs") is None:
            raise RuntimeError("OBS Studio is not installed (Debian package: obs-studio)")
        self.root = root
        self.port = port or free_port()
        self.password = password or secrets.token_urlsafe(16)
        self.xvfb = Xvfb()
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = root / "obs.log"
        self._started_once = False
        self._prepare()

    def _write_profile(self, output: str = "") -> None:
        width, height = self.canvas
        (
            self.root / "config" / "obs-studio" / "basic" / "profiles" / PROFILE / "basic.ini"
        ).write_text(
            f"[General]\nName={PROFILE}\n[Video]\nBaseCX={width}\nBaseCY={height}\n"
            f"OutputCX={width}\nOutputCY={height}\nFPSType=1\nFPSCommon=30\n{output}",
            encoding="utf-8",
        )

    def record_to(self, folder: Path, replay_buffer_seconds: int | None = None) -> None:
        """Before start: recordings (and the replay buffer, which OBS only makes at start)
        into ``folder``."""
        output = f"[SimpleOutput]\nFilePath={folder}\n"
        if replay_buffer_seconds is not None:
            output += f"RecRB=true\nRecRBTime={replay_buffer_seconds}\n"
        self._write_profile(output)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self, wait: float = 30.0) -> None:
        """Start OBS and wait for its WebSocket server. At the first start only, a port that
        another process took meanwhile is given up for a new one (once)."""
        try:
            self._launch(wait)
        except PortTakenError:
            if self._started_once:
                raise
            self.kill()
            self.port = free_port()
            self._write_websocket_config()
            self._launch(wait)
        self._started_once = True

    def _launch(self, wait: float) -> None:
        if self.xvfb.process is None:
            self.xvfb.start()
        env = {
            **os.environ,
            "HOME": str(self.root / "home"),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_RUNTIME_DIR": str(self.root / "runtime"),
            "DISPLAY": self.xvfb.display,
            "LIBGL_ALWAYS_SOFTWARE": "1",
        }
        env.pop("QT_QPA_PLATFORM", None)  # OBS needs X; offscreen makes it exit
        env.pop("WAYLAND_DISPLAY", None)
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child, closed on stop
        self.process = subprocess.Popen(
            ["obs", "--multi", "--disable-missing-files-check"],
            env=env,
            cwd=self.root,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        log.close()
        self.wait_ready(wait)

    def wait_ready(self, wait: float = 30.0) -> None:
        deadline = time.monotonic() + wait
        logged_before = self.log_path.stat().st_size if self.log_path.exists() else 0
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"OBS exited with {self.process.returncode}; see {self.log_path}"
                )
            if websocket_ready(self.port):
                return
            time.sleep(0.05)
        # Read once, at the end: OBS's log is block-buffered, so it says little while it runs.
        if self._listen_failed(logged_before):
            raise PortTakenError(f"port {self.port} was taken before OBS could listen on it")
        raise RuntimeError(f"OBS did not accept websocket connections in {wait} s")

    def _listen_failed(self, after: int) -> bool:
        """Whether this start's log (past byte ``after``) says the server could not listen."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(after)
                return b"Listen failed: Address already in use" in log.read()
        except OSError:
            return False

    def stop(self) -> None:
        """Clean shutdown (SIGINT); SIGKILL if OBS does not exit in time."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        """Simulate a crash."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def freeze(self) -> None:
        """SIGSTOP, returning once every thread of OBS is really stopped."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)
        tasks = Path(f"/proc/{self.process.pid}/task")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            states = []
            for task in tasks.iterdir():
                try:
                    stat = (task / "stat").read_text()
                except OSError:
                    continue
                states.append(stat.rsplit(")", 1)[1].split()[0])
            if states and all(state in "Tt" for state in states):
                return
            time.sleep(0.01)
        raise RuntimeError("OBS did not stop on SIGSTOP")

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        self.stop()
        self.xvfb.stop()

    def __enter__(self) -> HeadlessObs:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- configuration --------------------------------------------------------------------

    def reset_collection(self) -> None:
        """Overwrite the scene collection with the seed (takes effect at the next start)."""
        target = self.root / "config" / "obs-studio" / "basic" / "scenes" / f"{COLLECTION}.json"
        shutil.copyfile(SEED_COLLECTION, target)

    def _prepare(self) -> None:
        for name in ("home", "config", "runtime"):
            (self.root / name).mkdir(parents=True, exist_ok=True)
        (self.root / "runtime").chmod(0o700)
        obs_dir = self.root / "config" / "obs-studio"
        (obs_dir / "basic" / "scenes").mkdir(parents=True, exist_ok=True)
        (obs_dir / "basic" / "profiles" / PROFILE).mkdir(parents=True, exist_ok=True)
        self._write_websocket_config()
        # The tests' small canvas keeps OBS near 5 % of a core on a 2-core machine; trying the
        # console by hand (scripts/obs-headless) gets a broadcast's 1920×1080.
        self._write_profile()
        self.reset_collection()

    def _write_websocket_config(self) -> None:
        """OBS's global settings: this profile and collection, obs-websocket on our port."""
        (self.root / "config" / "obs-studio" / "global.ini").write_text(
            "[General]\nFirstRun=true\nLastVersion=486539266\n"
            f"[Basic]\nProfile={PROFILE}\nProfileDir={PROFILE}\n"
            f"SceneCollection={COLLECTION}\nSceneCollectionFile={COLLECTION}\n"
            "[OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\n"
            f"ServerPort={self.port}\nAuthRequired=true\nServerPassword={self.password}\n"
            "AlertsEnabled=false\n",
            encoding="utf-8",
        )


def main() -> int:
    """Run a headless OBS until Ctrl+C, printing how to connect (scripts/obs-headless)."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=4455)
    parser.add_argument("--password", default=None, help="default: a random one, printed")
    parser.add_argument("--canvas", default="1920x1080", help="base canvas (default 1920x1080)")
    parser.add_argument(
        "--connection-file",
        default=None,
        help="where to write the port and password for scripts/demo (removed on exit)",
    )
    args = parser.parse_args()
    width, height = (int(n) for n in args.canvas.lower().split("x"))
    with tempfile.TemporaryDirectory(prefix="hostconsole-obs-") as root:
        obs = HeadlessObs(Path(root), args.port, args.password, canvas=(width, height))
        obs.start()
        said = {"port": obs.port, "password": obs.password, "display": obs.xvfb.display}
        print(json.dumps(said))
        connection = Path(args.connection_file) if args.connection_file else None
        if connection is not None:
            connection.write_text(json.dumps(said), encoding="utf-8")
            connection.chmod(0o600)
        print("OBS is running headless; Ctrl+C stops it.", flush=True)
        try:
            if obs.process is not None:
                obs.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            obs.close()
            if connection is not None:
                connection.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def add_microphones(
    server: HeadlessObs, names: tuple[str, ...], muted: tuple[str, ...] = ()
) -> None:
    """Real audio inputs in OBS's program scene (PulseAudio capture: OBS makes them without
    a sound server), ``muted`` ones muted — what SAFE mutes and puts back."""
    import obsws_python

    client = obsws_python.ReqClient(
        host="127.0.0.1", port=server.port, password=server.password, timeout=5
    )
    try:
        scene = client.get_current_program_scene().current_program_scene_name
        for name in names:
            client.send(
                "CreateInput",
                {
                    "sceneName": scene,
                    "inputName": name,
                    "inputKind": "pulse_input_capture",
                    "inputSettings": {},
                    "sceneItemEnabled": True,
                },
            )
        for name in muted:
            client.send("SetInputMute", {"inputName": name, "inputMuted": True})
    finally:
        client.disconnect()
