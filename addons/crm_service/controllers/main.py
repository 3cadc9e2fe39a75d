# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import _, http, tools
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from ..logic import webform


class ServicePortal(CustomerPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # the record rules limit the count to the customer's own requests
        requests = request.env["crm.service.request"]
        values["service_request_count"] = requests.search_count([]) \
            if requests.check_access_rights("read", raise_exception=False) else 0
        return values

    @http.route(["/my/service-requests", "/my/service-requests/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_service_requests(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        requests = request.env["crm.service.request"]
        total = requests.search_count([])
        pager = portal_pager(url="/my/service-requests", total=total, page=page,
                             step=self._items_per_page)
        values.update({
            "service_requests": requests.search(
                [], order="date_open desc, id desc", limit=self._items_per_page,
                offset=pager["offset"]),
            "page_name": "service_request",
            "pager": pager,
            "default_url": "/my/service-requests",
        })
        return request.render("crm_service.portal_my_service_requests", values)

    @http.route(["/my/service-requests/new"], type="http", auth="user",
                website=True, methods=["GET", "POST"])
    def portal_new_service_request(self, **post):
        """A customer opens a request from the portal (a phone-sized form)."""
        user = request.env.user
        if not user.has_group("base.group_portal"):
            raise NotFound()
        values = self._prepare_portal_layout_values()
        errors = []
        if request.httprequest.method == "POST":
            requests = request.env["crm.service.request"]
            try:
                record = requests._create_from_portal(post, user)
            except (UserError, ValidationError) as error:
                errors = error.name.split("\n")
            else:
                return request.redirect("/my/service-requests/%d" % record.id)
        values.update({
            "page_name": "service_request_new",
            "errors": errors,
            "post": post,
            # the types offered to customers (configuration they may read)
            "service_types": request.env["crm.service.type"].search(
                [("portal_visible", "=", True)]),
        })
        return request.render("crm_service.portal_new_service_request", values)

    @http.route(["/my/service-requests/<int:request_id>"], type="http",
                auth="user", website=True)
    def portal_my_service_request(self, request_id, **kw):
        record = request.env["crm.service.request"].browse(request_id)
        try:
            record.check_access_rights("read")
            record.check_access_rule("read")
            record.exists().name  # pylint: disable=pointless-statement
        except (AccessError, MissingError):
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update({
            "service_request": record,
            # the customer's visits (the record rules choose them), shown with the
            # technician's name, which the customer may not read
            "visits": record.visit_ids.sudo(),
            "page_name": "service_request",
        })
        return request.render("crm_service.portal_my_service_request", values)

    def _visit_for_customer(self, visit_id):
        """The visit, if the current user may read it and is its customer's portal
        user; else 404, whether the visit exists or not."""
        visit = request.env["crm.service.visit"].browse(visit_id)
        try:
            visit.check_access_rights("read")
            visit.check_access_rule("read")
        except (AccessError, MissingError):
            raise NotFound()
        if not visit.exists() or not visit._is_customer_user(request.env.user):
            raise NotFound()
        return visit

    @http.route(["/my/service-visits/<int:visit_id>"], type="http", auth="user",
                website=True)
    def portal_my_service_visit(self, visit_id, **kw):
        visit = self._visit_for_customer(visit_id)
        values = self._prepare_portal_layout_values()
        # the customer may read the visit (checked above), not the technician's
        # employee record, the checklist or the products: shown as superuser
        visit_sudo = visit.sudo()
        values.update({
            "visit": visit_sudo,
            "service_request": visit_sudo.request_id,
            "page_name": "service_visit",
            "signer_name": request.env.user.partner_id.name,
            "sign_label": _("Sign Off"),
        })
        return request.render("crm_service.portal_my_service_visit", values)

    @http.route(["/my/service-visits/<int:visit_id>/sign"], type="json",
                auth="user", website=True)
    def portal_sign_service_visit(self, visit_id, partner_name=None, signature=None,
                                  **kw):
        """Called by the signature pad: 404 for anyone but the visit's customer,
        an error message for a missing name or a missing or blank signature."""
        visit = self._visit_for_customer(visit_id)
        try:
            visit.action_portal_sign(partner_name, signature)
        except (UserError, ValidationError) as error:
            return {"error": error.name}
        return {
            "success": _("Thank you: the visit is signed off."),
            "redirect_url": "/my/service-visits/%d" % visit.id,
        }


class ServiceWebForm(http.Controller):

    @http.route("/service/request", type="http", auth="public", website=True,
                methods=["GET"])
    def service_form(self, **kw):
        return request.render("crm_service.service_request_form", {
            "honeypot": webform.HONEYPOT})

    @http.route("/service/request/submit", type="http", auth="public",
                website=True, methods=["POST"])
    def service_form_submit(self, **post):
        """Create a request. Every post is counted first: past the company's limit
        of posts per client address, or of accepted posts per email address,
        within ten minutes it answers 429; bad input answers 400 (and the post is
        recorded as invalid). Neither creates anything."""
        values, errors = webform.validate(post)
        company = request.website.company_id
        # the form is public: its posts and requests are recorded by the system
        posts = request.env["crm.service.web.post"].sudo()
        post_id, outcome = posts._record_post_own_transaction(
            request.httprequest.remote_addr or "unknown", post.get("email"),
            bool(errors), company.crm_service_web_rate_limit)
        if outcome == "refused":
            return self._text_response(
                _("Too many requests from your address: please try again in ten "
                  "minutes."), 429, [("Retry-After", "600")])
        if errors:
            return self._bad_request(errors)
        requests = request.env["crm.service.request"].sudo()
        try:
            record = requests._create_from_web(
                values, company, user=request.env.user)
        except (UserError, ValidationError) as error:
            # not a request after all: the post no longer counts for its email
            posts._mark_invalid_own_transaction(post_id)
            return self._bad_request([error.name])
        return request.render("crm_service.service_request_thanks", {
            "reference": record.reference,
            "verify": bool(record.web_partner_id)})

    @http.route("/service/request/verify/<int:request_id>/<string:token>",
                type="http", auth="public", website=True, methods=["GET", "POST"])
    def service_form_verify(self, request_id, token, **kw):
        """The link of the verification email: a page that asks to confirm (so
        that a mail scanner following links verifies nothing), then the
        confirmation itself (a POST with Odoo's CSRF token)."""
        # the visitor is anonymous: the token is the proof, checked as superuser
        record = request.env["crm.service.request"].sudo().browse(request_id).exists()
        if not record or not record.web_verify_token or not tools.consteq(
                record.web_verify_token, token or ""):
            raise NotFound()
        if request.httprequest.method == "POST":
            record._web_verify(token)
            return request.render("crm_service.service_request_verified", {
                "reference": record.reference})
        return request.render("crm_service.service_request_verify", {
            "reference": record.reference,
            "action": "/service/request/verify/%d/%s" % (record.id, token)})

    def _bad_request(self, errors):
        message = _("The request could not be accepted:") + "\n" + "\n".join(errors)
        return self._text_response(message, 400)

    def _text_response(self, message, status, headers=None):
        response = request.make_response(message, headers=[
            ("Content-Type", "text/plain; charset=utf-8")] + (headers or []))
        response.status_code = status
        return response
