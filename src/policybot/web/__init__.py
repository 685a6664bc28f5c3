"""The web app: the chat for entrepreneurs, the citation desk for officials,
and the JSON API, served together by one FastAPI application.

    from policybot.web import create_app
    app = create_app(service, settings)   # then run it with uvicorn
"""

from .app import create_app

__all__ = ["create_app"]
