# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tools.translate import trans_generate

from .common import CrmHrCase

LANG = "zh_CN"
# terms whose Chinese is the source itself
SAME_IN_CHINESE = {"ID"}


class TestTranslation(CrmHrCase):
    """crm_hr's zh_CN.po loads and the addon speaks Chinese to a zh_CN user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        translations = cls.env["ir.translation"]
        translations.search([("lang", "=", LANG), ("module", "=", "crm_hr")]).unlink()
        translations.load_module_terms(["crm_hr"], [LANG])
        cls.env_zh = cls.env(context=dict(cls.env.context, lang=LANG))

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.registry.clear_caches()

    def test_labels_and_refusal_in_chinese(self):
        """Field labels, selection values and the archiving refusal in Chinese."""
        fields_ = self.env_zh["hr.employee"].fields_get(["crm_role", "crm_hire_date"])
        self.assertEqual(fields_["crm_hire_date"]["string"], "入职日期")
        self.assertEqual(dict(fields_["crm_role"]["selection"])["service_agent"],
                         "客服专员")
        with self.assertRaises(UserError) as caught:
            self.emp_a.with_env(self.env_zh).toggle_active()
        self.assertIn("移交客户组合", caught.exception.name)

    def test_every_term_translated(self):
        """Every term Odoo exports for crm_hr has a Chinese translation (else run
        `python scripts/i18n.py crm_hr` and translate the new entries)."""
        missing = sorted({
            src for _module, _type, _name, _res_id, src, value, _comments
            in trans_generate(LANG, ["crm_hr"], self.env.cr)
            if not value or (value == src and src not in SAME_IN_CHINESE)
        })
        self.assertEqual(missing, [], "terms without a zh_CN translation")
