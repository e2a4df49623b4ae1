"""HEAD answered wherever GET is: the view runs as for a GET, the answer goes without its body."""

from django.http import StreamingHttpResponse


class HeadAsGetMiddleware:
    """Views restricted to GET (require_GET, django-ninja's GET routes) answered HEAD with a 405.

    HEAD is GET without the body (RFC 9110 §9.3.2): the view sees a GET, so its status and headers are the
    same; the body is dropped here (a streamed export is never produced).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if isinstance(response, StreamingHttpResponse):
            # Never iterated: a generator's body does not run; files are closed with the response.
            response.streaming_content = []
        elif hasattr(response, "content"):
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
