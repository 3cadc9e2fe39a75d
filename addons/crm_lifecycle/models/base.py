# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's customer-data export policy, for every model that declares it.

A model class that exposes customer data declares ``_crm_customer_data = True``;
an export of its records is then refused without the group "Export customer data"
and logged with it (who, when, model, how many records, which fields).
"""
from odoo import _, api, models
from odoo.exceptions import UserError


class Base(models.AbstractModel):
    _inherit = "base"

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        if getattr(type(self), "_crm_customer_data", False):
            guarded = self._crm_export_customer_records()
            if guarded:
                self._crm_check_export(fields_to_export, len(self))
                guarded._crm_after_customer_export()
        return super().export_data(fields_to_export, raw_data=raw_data)

    @api.multi
    def _crm_export_customer_records(self):
        """The records of this export that hold customer data (all of them unless
        the model says otherwise: res.partner keeps suppliers free)."""
        return self

    @api.multi
    def _crm_after_customer_export(self):
        """Hook run on the exported customer records once the export is allowed."""
        return True

    @api.model
    def _crm_check_export(self, field_names, count, model=None):
        """Refuse an export of customer data without the export group; log it."""
        if not self.env.user.has_group("crm_lifecycle.group_customer_export"):
            raise UserError(_(
                "Exporting customer data is reserved to the group \"Export customer "
                "data\". Ask your manager."))
        # the log is written for the user, who cannot write it themselves; it
        # carries the user's own company (crm.access.log.create)
        self.env["crm.access.log"].sudo().create({
            "user_id": self.env.uid,
            "event_type": "export",
            "model": model or self._name,
            "record_count": count,
            "field_names": ", ".join(field_names),
        })
