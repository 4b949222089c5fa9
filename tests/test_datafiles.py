"""Reading data files is bounded and total: what is not a regular file is refused
unopened, every size is capped before its memory is taken, and every problem is one
clean line naming the file, the place and what is wrong."""

import gzip
import os
import re
import struct
import threading
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from nnsim.simulator import csvfile, datafiles
from nnsim.simulator.datasets import load_csv, load_idx
from nnsim.simulator.safetext import MESSAGE_LIMIT, InputError


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def refused(load, *args, match):
    """The InputError ``load(*args)`` raises: one printable line matching ``match``."""
    with pytest.raises(InputError, match=match) as error:
        load(*args)
    message = str(error.value)
    assert "\n" not in message and "\x1b" not in message
    assert len(message) <= MESSAGE_LIMIT + 2 * 160 + 10  # file and field are capped too
    return message


# ---------------------------------------------------------------------- not files
@pytest.fixture
def no_opening(monkeypatch):
    """Fail the test if anything opens a file descriptor."""
    def forbidden(*args, **kwargs):
        raise AssertionError("the file was opened")
    monkeypatch.setattr(os, "open", forbidden)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_being_opened(tmp_path, no_opening):
    fifo = tmp_path / "data.csv"
    os.mkfifo(fifo)
    # Opening a FIFO for reading blocks until a writer comes: refusing it at the stat
    # is what keeps the GUI thread from hanging.
    refused(load_csv, fifo, match=r"data\.csv: this is a FIFO \(named pipe\), not a file")
    refused(load_idx, fifo, fifo, match="FIFO")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_without_being_opened(no_opening):
    # /dev/zero would feed zeros without end.
    refused(load_csv, "/dev/zero", match="^/dev/zero: this is a character device, not a file")


def test_a_folder_or_a_missing_file_is_refused(tmp_path, no_opening):
    refused(load_csv, tmp_path, match="this is a folder, not a file")
    refused(load_csv, tmp_path / "gone.csv", match=r"gone\.csv: No such file or directory")
    refused(load_csv, str(tmp_path / "bad\0name.csv"), match="not a usable file name")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_path_that_turns_into_a_fifo_after_the_check_is_refused_unblocked(tmp_path,
                                                                           monkeypatch):
    # The stat said "file"; by the time it is opened it is a FIFO with no writer.  The
    # open must neither block nor read from it.
    fifo = tmp_path / "swapped.csv"
    os.mkfifo(fifo)
    regular, real_stat = os.stat(write(tmp_path / "plain.csv", "a,b\n1,2\n")), os.stat
    monkeypatch.setattr(os, "stat", lambda path, *args, **kwargs:
                        regular if str(path) == str(fifo) else real_stat(path, *args, **kwargs))
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_error_of(load_csv, fifo)),
                              daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert outcome and "FIFO" in outcome[0]


def _error_of(load, *args) -> str:
    try:
        load(*args)
    except InputError as error:
        return str(error)
    return "loaded"


# ---------------------------------------------------------------------- sizes
def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path, no_opening):
    sparse = tmp_path / "huge.csv"
    with open(sparse, "wb") as file:
        file.truncate(datafiles.MAX_FILE_BYTES + 1)   # no disk used: a sparse file
    refused(load_csv, sparse, match=r"the file has 268,435,457 bytes; nnsim reads data "
                                    r"files of up to 268,435,456 bytes")


def test_a_gzip_bomb_stops_at_the_decompressed_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "MAX_FILE_BYTES", 100_000)
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(gzip.compress(b"1,2\n" * 50_000))   # 200,000 bytes inflated
    assert bomb.stat().st_size < 1_000
    refused(load_csv, bomb, match=r"bomb\.csv\.gz: more than 100,000 bytes of data "
                                  r"\(decompressed\)")


def test_a_gzip_bomb_of_zeros_costs_one_line_of_memory(tmp_path):
    bomb = tmp_path / "zeros.csv.gz"
    bomb.write_bytes(gzip.compress(bytes(16 * 2**20), 9))   # 16 MiB of NUL, 16 KB packed
    tracemalloc.start()
    try:
        refused(load_csv, bomb, match="line 1: the line is longer than 1,048,576 characters")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One capped line (4 bytes a character at most) and the decoder's buffers.
    assert peak < 12 * 2**20


def test_long_lines_and_records_are_capped_where_they_start(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_LINE_CHARS", 40)
    ok = write(tmp_path / "ok.csv", "a,b\n" + "1," + "2" * 35 + "\n")
    assert load_csv(ok).n_samples == 1
    long = write(tmp_path / "long.csv", "a,b\n1,2\n3," + "4" * 50 + "\n")
    refused(load_csv, long, match="long.csv: line 3: the line is longer than 40 characters")
    # A quoted cell may span lines, but the record as a whole is capped too.
    spanning = write(tmp_path / "span.csv", 'a,b\n1,"' + "x\n" * 30 + '"\n')
    refused(load_csv, spanning, match=r"line \d+: the line is longer than 40")


@pytest.mark.parametrize("cap, value, text, message", [
    ("MAX_LINES", 5, "a,b\n" + "\n" * 10 + "1,2\n", "more than 5 lines"),
    ("MAX_COLUMNS", 3, "a,b,c,d\n1,2,3,4\n", r"line 1: a data file needs from 2 columns "
                                             r"\(inputs and the target\) to 3; this line has 4"),
    ("MAX_VALUES", 7, "a,b\n1,2\n3,4\n5,6\n7,8\n", "line 5: more than 7 numbers"),
    ("MAX_CLASSES", 3, "a,y\n1,p\n2,q\n3,r\n4,s\n", 'line 5, column "y": more than 3 '
                                                    "different class labels"),
])
def test_caps_on_lines_columns_numbers_and_classes(tmp_path, monkeypatch, cap, value, text,
                                                   message):
    monkeypatch.setattr(csvfile, cap, value)
    refused(load_csv, write(tmp_path / "d.csv", text), match=message)


def test_numeric_classes_and_their_one_hot_rows_are_capped(tmp_path, monkeypatch):
    path = write(tmp_path / "d.csv", "a,y\n" + "".join(f"{i},{i}\n" for i in range(6)))
    monkeypatch.setattr(csvfile, "MAX_CLASSES", 5)
    refused(load_csv, path, "y", "classification", match='column "y": 6 classes; a '
                                                         "classification target may have up to 5")
    monkeypatch.setattr(csvfile, "MAX_CLASSES", 10)
    monkeypatch.setattr(csvfile, "MAX_VALUES", 30)
    refused(load_csv, path, "y", "classification", match="6 rows of 6 classes need more than")


def test_loading_memory_is_a_small_multiple_of_the_arrays(tmp_path):
    rng = np.random.default_rng(0)
    values = np.column_stack([rng.normal(size=(20_000, 9)), rng.integers(0, 3, 20_000)])
    path = tmp_path / "big.csv"
    np.savetxt(path, values, delimiter=",", fmt=["%.6f"] * 9 + ["%d"],
               header=",".join(f"f{i}" for i in range(10)), comments="")
    tracemalloc.start()
    try:
        data = load_csv(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    final = data.inputs.nbytes + data.targets.nbytes   # 1.44 MB + 0.48 MB
    assert (data.n_samples, data.n_features, data.n_classes) == (20_000, 9, 3)
    written = np.vectorize(lambda v: float(f"{v:.6f}"))(values[:, :9])
    np.testing.assert_array_equal(data.inputs, written)
    # Python lists of strings, as before, cost 10 to 20 times the arrays.
    assert peak < 2.5 * final


# ---------------------------------------------------------------------- messages
def test_errors_escape_and_shorten_what_they_echo(tmp_path):
    name = "x\x1b[31m" + "y" * 500
    path = write(tmp_path / "d.csv", f'"{name}",b,y\n1,2,0\n{"7" * 20}z\x1b[2J,2,0\n')
    message = refused(load_csv, path, match=r'line 3, column "x\\x1b\[31myyy')
    assert "characters)" in message and "\\x1b[2J" in message


def test_a_damaged_gzip_file_gets_one_line(tmp_path):
    path = tmp_path / "d.csv.gz"
    path.write_bytes(gzip.compress(b"a,b\n1,2\n" * 1000)[:-30])
    refused(load_csv, path, match=r"d\.csv\.gz: .*cannot be read as CSV text")
    path.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
    refused(load_csv, path, match=r"d\.csv\.gz: ")


# ---------------------------------------------------------------------- IDX
def idx(path, magic, dims, payload=b""):
    path.write_bytes(struct.pack(f">I{len(dims)}I", magic, *dims) + payload)
    return path


def test_idx_header_sizes_are_checked_before_reading(tmp_path):
    # Headers with no data after them: reading first would say "truncated".
    labels = idx(tmp_path / "labels", 0x801, (4,), bytes(4))
    images = idx(tmp_path / "images", 0x803, (4, 2**16, 2**16))   # 16 GiB claimed
    refused(load_idx, images, labels, match="images of 65536 × 65536 pixels")
    images = idx(tmp_path / "images", 0x803, (2**31, 28, 28))
    refused(load_idx, images, labels, match="2,147,483,648 items of 784 values are more "
                                            "than the 67,108,864 numbers")
    # A limit keeps it within the cap: only then is it read (and found short).
    with pytest.raises(InputError, match=r"truncated \(0 of 3,136 bytes\)"):
        load_idx(images, labels, limit=4)


def test_the_readme_states_the_caps_the_code_applies():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    caps = re.sub(r"\s+", " ", readme[readme.index("Data files are read only"):])
    assert f"of at most {datafiles.MAX_FILE_BYTES // 2**20} MiB (also once decompressed)" in caps
    assert f"{csvfile.MAX_LINES:,} lines of up to {csvfile.MAX_LINE_CHARS:,} characters" in caps
    assert f"{datafiles.MAX_COLUMNS:,} columns, {csvfile.MAX_CLASSES:,} classes" in caps
    assert f"labels of up to {csvfile.MAX_LABEL_CHARS} printable characters" in caps
    assert f"{datafiles.MAX_VALUES:,} numbers in all" in caps
