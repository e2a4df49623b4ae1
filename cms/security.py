"""The site's Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy).

Both apply in every environment (dev, test, production) so tests and developers see what production
enforces. Django's SecurityMiddleware sends X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy. The one piece of our own is the admin's relaxation, scoped by path: django-csp
relaxes per view (decorators), and the admin's views are Wagtail's.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

# The public site: everything from our own origin, no inline script or style, no plug-ins, not framed
# by others. JSON-LD blocks (<script type="application/ld+json">) are data, not scripts: CSP allows them.
PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [NONE],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

# The Wagtail admin (and its page previews, served under /admin/) still writes inline <script> blocks
# (inline panels, date pickers: wagtailadmin/panels/inline_panel.html, widgets/date_input.html) and
# style="" attributes from its JavaScript (Draftail, dropdowns, the image focal-point tool). Those need
# 'unsafe-inline'; the relaxation is scoped to /admin/, which only authenticated editors reach.
# Uploaded image previews use blob: URLs and the preview panel frames the admin itself.
ADMIN_CHANGES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
}
ADMIN_PREFIX = "/admin/"

# Powerful browser features the site never uses are switched off for every page and frame.
FEATURES_OFF = {
    feature: []
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
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's changes under ADMIN_PREFIX.

    A view that sets its own, stricter header keeps it (Wagtail serves documents with
    `Content-Security-Policy: default-src 'none'`); a view decorated with django-csp's decorators wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.replace is None and request.path.startswith(ADMIN_PREFIX):
            parts.replace = ADMIN_CHANGES
        return parts
