"""inputfile: only regular files of a bounded size are read; nothing blocks."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from planscan.inputfile import FileTooLarge, NotRegularFile, open_regular, read_regular


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_bytes(b"plans: []\n")
    (tmp_path / "link.yaml").symlink_to(file)
    assert read_regular(file, 100) == b"plans: []\n"
    assert read_regular(tmp_path / "link.yaml", 100) == b"plans: []\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.pdf"
    os.mkfifo(fifo)  # nobody writes: an open() without O_NONBLOCK would wait for ever
    with pytest.raises(NotRegularFile, match=r"not a regular file but a pipe \(FIFO\)"):
        open_regular(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    link = tmp_path / "keywords.yaml"
    link.symlink_to(device)
    with pytest.raises(NotRegularFile, match="not a regular file but a device"):
        read_regular(link, 1 << 20)


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="a folder"):
        open_regular(tmp_path)
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OSError):  # a socket cannot be opened as a file at all
            open_regular(path)


def test_a_file_over_the_cap_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * (3 << 20))
    with pytest.raises(FileTooLarge) as caught:
        read_regular(big, 2 << 20, "; raise --max-file-size")
    assert caught.value.strerror == "the file is 3 MiB, over the 2 MiB limit; raise --max-file-size"


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "none.pdf")
