"""Start policybot's web app: ``python app.py``.

Serves the chat (问政策), the citation desk (核对引用) and the JSON API
(/api, docs at /docs) on GRADIO_SERVER_PORT (default 7860), over the
committed index. Settings come from the environment (see
``policybot.settings``); set POLICYBOT_ADMIN_USER and
POLICYBOT_ADMIN_PASSWORD to let officials add documents.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported anywhere

_SRC = Path(__file__).resolve().parent / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))  # run from a checkout without installing


def main() -> int:
    import logging

    import uvicorn

    from policybot.errors import PolicybotError
    from policybot.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        from policybot.service import PolicyService

        service = PolicyService.open(settings)
    except PolicybotError as e:
        print(f"policybot: {e}", file=sys.stderr)
        return 2
    except ImportError as e:
        print(f"policybot: the answering service is not available ({e}).", file=sys.stderr)
        return 2

    from policybot.web import create_app

    app = create_app(service, settings)
    print(f"policybot: serving on http://{settings.host}:{settings.port}/ (API docs at /docs)", file=sys.stderr)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
