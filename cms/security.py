"""Security headers the framework does not set: Content-Security-Policy and Permissions-Policy.

Applied in every environment (dev, test, production) so tests and developers see the policy that
production enforces. Django's SecurityMiddleware already sends X-Content-Type-Options, Referrer-Policy
and Cross-Origin-Opener-Policy; this middleware adds them too when it is absent, so the policy does
not depend on the middleware order.
"""

from django.conf import settings

# The public site: everything from our own origin, no inline script or style, no plug-ins, not framed
# by others. JSON-LD blocks (<script type="application/ld+json">) are data, not scripts: CSP allows them.
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# The Wagtail admin (and its page previews, served under /admin/) still writes inline <script> blocks
# (inline panels, date pickers: wagtailadmin/panels/inline_panel.html, widgets/date_input.html) and
# style="" attributes from its JavaScript (Draftail, dropdowns, the image focal-point tool). Those need
# 'unsafe-inline'; the relaxation is scoped to /admin/, which only authenticated editors reach.
# Uploaded image previews use blob: URLs and the preview panel frames the admin itself.
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
}

# Powerful browser features the site never uses are switched off for every page and frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def render_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


PUBLIC_CSP = render_policy(PUBLIC_POLICY)
ADMIN_CSP = render_policy(ADMIN_POLICY)
ADMIN_PREFIX = "/admin/"


def policy_for(path: str) -> str:
    return ADMIN_CSP if path.startswith(ADMIN_PREFIX) else PUBLIC_CSP


class SecurityHeadersMiddleware:
    """Add CSP, Permissions-Policy and the basic headers to every response that lacks them.

    A view that sets its own, stricter policy keeps it (Wagtail serves documents with
    `Content-Security-Policy: default-src 'none'`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy_for(request.path))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY or "same-origin")
        return response
