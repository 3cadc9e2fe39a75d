# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError

from .common import ServiceCase


class TestInputValidation(ServiceCase):

    def test_clear_errors(self):
        """Malformed values give a ValidationError naming the field, not a
        database error."""
        cases = {
            "channel": "fax",
            "date_open": "2026-02-30 10:00:00",
            "name": "Broken\x00heater",
            "team_id": 2 ** 31 - 2,
            "priority": "9",
        }
        for field, value in cases.items():
            with self.assertRaises(ValidationError, msg=field) as caught:
                self._request(**{field: value})
            label = self.Request._fields[field].get_description(self.env)["string"]
            self.assertIn(label, caught.exception.name, field)
        with self.assertRaises(ValidationError):
            self.env["crm.service.sla"].create({
                "name": "Bad", "calendar_id": self.calendar.id,
                "response_hours": 8.0, "resolve_hours": 4.0})
