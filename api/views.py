from typing import Any, NoReturn

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView


@extend_schema(exclude=True)
class ApiNotFoundView(APIView):
    """Answers every address under /api/ that no endpoint serves."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    def not_found(self, request: Request, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotFound()

    get = post = put = patch = delete = head = options = not_found
