"""Time ``extract_article`` and trafilatura on worst-case pages at the fetch size cap.

Run ``python benchmarks/bench_worst_case.py [--size-mib 5] [--repeat 1] [--shape NAME ...]``.
Each shape is a page of one pathological structure filled up to ``FetchSettings.max_bytes`` (the
largest body the fetcher keeps) with ordinary Vietnamese news sentences, so every regex of the
extractor (datelines, places, people, document codes) has text to work on. The goal is
every shape under 1 s for our extractor; the script prints seconds per page for both tools.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable

from etl.extract import extract_article
from etl.settings import FetchSettings

URL = "https://so.example.gov.vn/tin-tuc/bai-viet-thu-nghiem.html"
SENTENCE = (
    "Sáng 12/3, tại Hội trường UBND tỉnh, đồng chí Nguyễn Văn Hùng, Phó Chủ tịch UBND tỉnh chủ trì hội nghị "
    "triển khai Kế hoạch số 45/KH-UBND ngày 20/02/2024 về chuyển đổi số, với 1.250 đại biểu tham dự. "
)
HEAD = (
    "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Hội nghị triển khai chuyển đổi số"
    " năm 2024 | Cổng thông tin điện tử tỉnh</title></head><body><div class='header'><a href='/'>Trang chủ</a>"
    "</div><div class='main'><h1 class='title'>Hội nghị triển khai chuyển đổi số năm 2024</h1>"
    "<div class='date'>Thứ Ba, 12/03/2024 15:30</div><div class='content'>"
)
TAIL = "</div></div><div class='footer'>Bản quyền thuộc Cổng thông tin điện tử tỉnh</div></body></html>"


def _fill(unit: Callable[[int], str], size: int, *, before: str = "", after: str = "") -> str:
    """``HEAD`` + ``before`` + as many ``unit(i)`` as fit in ``size`` bytes + ``after`` + ``TAIL``."""
    parts = [HEAD, before]
    used = len((HEAD + before + after + TAIL).encode())
    i = 0
    while True:
        piece = unit(i)
        n = len(piece.encode())
        if used + n > size:
            break
        parts.append(piece)
        used += n
        i += 1
    return "".join([*parts, after, TAIL])


def one_long_paragraph(size: int) -> str:
    return _fill(lambda i: SENTENCE, size, before="<p>", after="</p>")


def one_long_paragraph_of_br_lines(size: int) -> str:
    return _fill(lambda i: SENTENCE + "<br>", size, before="<p>", after="</p>")


def tiny_paragraphs(size: int) -> str:
    return _fill(lambda i: f"<p>Đoạn {i}, ngày 12/3.</p>", size)


def deep_nesting(size: int) -> str:
    # libxml2 caps the tree depth (256 without its huge-tree flag); open as deep as that, many times.
    depth = 250
    block = "<div class='wrap'>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth
    return _fill(lambda i: block, size)


def huge_table(size: int) -> str:
    return _fill(
        lambda i: f"<tr><td>{i}</td><td>Xã Hạ Long, huyện Vân Đồn</td><td>12/03/2024</td><td>1.250</td></tr>",
        size,
        before="<table><tr><th>STT</th><th>Đơn vị</th><th>Ngày</th><th>Số lượng</th></tr>",
        after="</table>",
    )


def many_images(size: int) -> str:
    return _fill(
        lambda i: (
            f"<figure><img src='/uploads/2024/03/anh-{i}.jpg' width='800' height='600' alt='Ảnh {i}'>"
            f"<figcaption>Đồng chí Nguyễn Văn Hùng phát biểu tại hội nghị số {i}. Ảnh: Thu Hà</figcaption></figure>"
        ),
        size,
        before=f"<p>{SENTENCE}</p>",
    )


def long_link_list(size: int) -> str:
    return _fill(
        lambda i: (
            f"<li><a href='/tin-tuc/bai-{i}.html'>Hội nghị triển khai chuyển đổi số tại huyện số {i}</a>"
            " <span class='date'>(12/03/2024)</span></li>"
        ),
        size,
        before=f"<p>{SENTENCE}</p><ul>",
        after="</ul>",
    )


def text_without_spaces(size: int) -> str:
    return _fill(lambda i: "Hànộiđượcchuyểnđổisố" * 10, size, before="<p>", after="</p>")


SHAPES: dict[str, Callable[[int], str]] = {
    "one long paragraph": one_long_paragraph,
    "one paragraph of <br> lines": one_long_paragraph_of_br_lines,
    "tiny paragraphs": tiny_paragraphs,
    "deep nesting": deep_nesting,
    "huge table": huge_table,
    "many images": many_images,
    "long link list": long_link_list,
    "text without spaces": text_without_spaces,
}


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` calls (CPU time is what a shared,
    loaded machine distorts least)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mib", type=float, default=FetchSettings().max_bytes / 2**20)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes")
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("etl").setLevel(logging.ERROR)  # the "oversize page" warning, once per call
    extract_article(one_long_paragraph(20_000).encode(), URL)  # warm up: lazy imports, regex caches
    size = int(args.size_mib * 2**20)
    names = args.shape or list(SHAPES)
    print(f"worst-case pages of {size / 2**20:.2f} MiB (best of {args.repeat}); goal: ours < 1 s each")
    print(f"{'shape':28} {'elements':>9} {'ours s':>7} {'cpu s':>6} {'body':>5} {'trafilatura s':>14} {'cpu s':>6}")
    worst = 0.0
    for name in names:
        html = SHAPES[name](size).encode()
        ours, ours_cpu = _best(lambda html=html: extract_article(html, URL), args.repeat)
        art = extract_article(html, URL)
        worst = max(worst, ours_cpu)
        theirs = theirs_cpu = "-"
        if not args.no_trafilatura:
            import trafilatura

            wall, cpu = _best(lambda html=html: trafilatura.extract(html.decode(), url=URL), args.repeat)
            theirs, theirs_cpu = f"{wall:.2f}", f"{cpu:.2f}"
        elements = html.count(b"<") - html.count(b"</")
        print(f"{name:28} {elements:>9} {ours:>7.2f} {ours_cpu:>6.2f} {len(art.body):>5} {theirs:>14} {theirs_cpu:>6}")
    print(f"slowest shape: {worst:.2f} CPU s ({'under' if worst < 1 else 'OVER'} the 1 s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
