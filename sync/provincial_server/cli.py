"""`onestop provincial-sim`: run the simulated province until interrupted."""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from onestop.i18n import _
from sync.provincial_server.province import PROTOCOLS
from sync.provincial_server.serving import serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onestop provincial-sim",
        description=_("Chạy máy chủ tỉnh mô phỏng để thử đồng bộ"),
    )
    parser.add_argument("--port", type=int, default=8750, help=_("cổng (0: chọn cổng trống)"))
    parser.add_argument("--host", default="127.0.0.1", help=_("địa chỉ lắng nghe"))
    parser.add_argument("--data-dir", type=Path, required=True,
                        help=_("thư mục dữ liệu của máy chủ tỉnh"))
    parser.add_argument("--fault-rate", type=float, default=0.0,
                        help=_("tỉ lệ lời gọi bị gây lỗi, từ 0 đến 1"))
    parser.add_argument("--seed", type=int, default=None, help=_("hạt giống cho lỗi ngẫu nhiên"))
    parser.add_argument("--fault-delay", type=float, default=35.0,
                        help=_("số giây một câu trả lời chậm bị giữ lại"))
    parser.add_argument("--catalogue", type=Path, default=None,
                        help=_("tệp danh mục thủ tục (JSON); mặc định là danh mục mẫu"))
    parser.add_argument("--protocol", choices=PROTOCOLS, default=PROTOCOLS[-1],
                        help=_("phiên bản giao thức máy chủ nói"))
    parser.add_argument("--json", action="store_true", help=_("in địa chỉ dạng JSON"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 after Ctrl+C, 2 on bad input, 1 when the server cannot start."""
    args = _parser().parse_args(argv)
    if not 0.0 <= args.fault_rate <= 1.0:
        print(_("Tỉ lệ lỗi phải từ 0 đến 1"), file=sys.stderr)
        return 2
    try:
        running = serve(args.port, args.data_dir, args.fault_rate, args.seed, args.catalogue,
                        host=args.host, fault_delay=args.fault_delay, protocol=args.protocol)
    except (ValueError, FileNotFoundError, json.JSONDecodeError) as error:
        print(_("Danh mục thủ tục không đọc được: {error}").format(error=error), file=sys.stderr)
        return 2
    except OSError as error:
        print(_("Không mở được máy chủ tỉnh mô phỏng: {error}").format(error=error),
              file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"url": running.url}), flush=True)
    else:
        print(_("Máy chủ tỉnh mô phỏng đang chạy tại {url}").format(url=running.url), flush=True)
    try:
        while not running.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return 0
