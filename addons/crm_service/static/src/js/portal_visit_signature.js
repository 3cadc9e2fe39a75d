/* Copyright 2026 CRM Suite
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
odoo.define('crm_service.portal_visit_signature', function (require) {
    "use strict";

    /**
     * The portal's signature pad (portal.signature_form, as on quotations) for
     * the sign-off of a field visit: the same pad and checks, with the server's
     * refusals (missing name, blank signature, visit already signed) shown to the
     * customer instead of being ignored.
     */
    var base = require('web_editor.base');
    var core = require('web.core');
    var rpc = require('web.rpc');
    var SignatureForm = require('portal.signature_form').SignatureForm;

    var qweb = core.qweb;
    var _t = core._t;

    var VisitSignatureForm = SignatureForm.extend({
        submitSign: function (ev) {
            ev.preventDefault();
            var self = this;
            var name = this.$('#o_portal_sign_name').val();
            var signature = this.$('#o_portal_signature').jSignature('getData', 'image');
            var isEmpty = signature ? this.empty_sign[1] === signature[1] : true;

            this.$('#o_portal_sign_name').parent().toggleClass('has-error', !name);
            this.$('#o_portal_sign_draw').toggleClass('panel-danger', isEmpty)
                .toggleClass('panel-default', !isEmpty);
            if (isEmpty || !name) {
                return false;
            }
            var $button = this.$('.o_portal_sign_submit').attr('disabled', true);
            this.$('.o_crm_service_sign_error').remove();
            return rpc.query({
                route: this.options.callUrl,
                params: {partner_name: name, signature: signature[1]},
            }).then(function (data) {
                if (data.error) {
                    $button.attr('disabled', false);
                    self._showError(data.error);
                } else {
                    $button.remove();
                    self.$('#o_portal_sign_draw').parent().replaceWith(
                        qweb.render('portal.portal_signature_success', {widget: data}));
                }
            }, function () {
                $button.attr('disabled', false);
                self._showError(_t("The signature could not be saved: reload the page and try again."));
            });
        },

        /**
         * @private
         * @param {string} message
         */
        _showError: function (message) {
            $('<div class="alert alert-danger o_crm_service_sign_error" role="alert"/>')
                .text(message).prependTo(this.$('#o_portal_sign_accept'));
        },
    });

    base.ready().then(function () {
        $('.o_crm_service_signature_form').each(function () {
            var $elem = $(this);
            new VisitSignatureForm(null, $elem.data()).appendTo($elem);
        });
    });

    return {
        VisitSignatureForm: VisitSignatureForm,
    };
});
