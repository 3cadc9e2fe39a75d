# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_generate

LANG = "zh_CN"
# terms whose Chinese is the source itself
SAME_IN_CHINESE = {"ID"}


class TestTranslation(SavepointCase):
    """crm_lifecycle's zh_CN.po loads and the addon reads in Chinese with lang zh_CN."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # test i18n/zh_CN.po as shipped: forget the terms the database holds (loading
        # does not overwrite those of noupdate data such as the stages), then activate
        # zh_CN (created if needed) and load the file
        translations = cls.env["ir.translation"]
        translations.search([
            ("lang", "=", LANG), ("module", "=", "crm_lifecycle"),
        ]).unlink()
        # the addons built on this one add terms to its models (e.g. an event type
        # of the access log): their files are loaded too, as on a real install
        lifecycle = cls.env["ir.module.module"].search([("name", "=", "crm_lifecycle")])
        translations.load_module_terms(
            ["crm_lifecycle"] + lifecycle.downstream_dependencies().mapped("name"),
            [LANG])
        cls.env_zh = cls.env(context=dict(cls.env.context, lang=LANG))
        cls.env_en = cls.env(context=dict(cls.env.context, lang="en_US"))

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        # the rollback removed the loaded terms: forget the cached translations
        cls.registry.clear_caches()

    def test_stage_names(self):
        """Stage names shipped as data read in Chinese, and stay English in en_US."""
        dormant = self.env.ref("crm_lifecycle.stage_dormant")
        self.assertEqual(dormant.with_env(self.env_zh).name, "休眠",
                         "dormant stage in Chinese")
        self.assertEqual(dormant.with_env(self.env_en).name, "Dormant",
                         "dormant stage in English")
        won_back = self.env.ref("crm_lifecycle.stage_won_back").with_env(self.env_zh)
        self.assertEqual(won_back.name, "已赢回", "won back stage in Chinese")
        self.assertEqual(won_back.description, "在休眠或流失后再次下单。",
                         "stage description in Chinese")

    def test_field_labels(self):
        """Field labels and help texts of the suite's fields are translated."""
        partner_fields = self.env_zh["res.partner"].fields_get(
            ["lifecycle_stage_id", "value_tier"])
        self.assertEqual(partner_fields["lifecycle_stage_id"]["string"], "生命周期阶段",
                         "label of res.partner.lifecycle_stage_id")
        self.assertEqual(partner_fields["value_tier"]["string"], "价值等级",
                         "label of res.partner.value_tier")
        profile = self.env_zh["crm.lifecycle.profile"]
        revenue = profile.fields_get(["revenue"])["revenue"]
        self.assertEqual(revenue["string"], "收入", "label of the profile's revenue")
        self.assertEqual(revenue["help"],
                         "已过账客户发票扣除退款后的金额，未税，以公司币种计。",
                         "help of the profile's revenue")

    def test_selection_labels(self):
        """RFM segment labels are translated on the partner and on the profile."""
        for model in ("res.partner", "crm.lifecycle.profile"):
            selection = dict(self.env_zh[model].fields_get(
                ["rfm_segment"])["rfm_segment"]["selection"])
            self.assertEqual(selection["champions"], "冠军客户", model)
            self.assertEqual(selection["cant_lose"], "不能失去", model)
            self.assertEqual(selection["about_to_sleep"], "即将沉睡", model)

    def test_user_error_message(self):
        """A UserError raised through _() speaks the user's language."""
        partner = self.env_zh["res.partner"].create({"name": "Translation customer"})
        stage = self.env.ref("crm_lifecycle.stage_loyal")
        with self.assertRaises(UserError) as caught:
            partner._lifecycle_set_stage(stage, "   ")
        self.assertEqual(caught.exception.name, "请填写手动设置阶段的原因。",
                         "message of the UserError")

    def test_validation_message_with_parts(self):
        """A malformed value is refused with the label and the problem in Chinese."""
        company = self.env_zh.ref("base.main_company")
        with self.assertRaises(ValidationError) as caught:
            company.write({"lifecycle_dormant_days": "abc"})
        self.assertEqual(caught.exception.name, "休眠阈值（天）：值 'abc' 必须是整数。",
                         "label, message and problem all in Chinese")

    def test_every_term_translated(self):
        """Every term Odoo exports for crm_lifecycle has a Chinese translation.

        When this fails, run `python scripts/i18n.py crm_lifecycle` and translate the
        new entries of addons/crm_lifecycle/i18n/zh_CN.po.
        """
        missing = sorted({
            src for _module, _type, _name, _res_id, src, value, _comments
            in trans_generate(LANG, ["crm_lifecycle"], self.env.cr)
            if not value or (value == src and src not in SAME_IN_CHINESE)
        })
        self.assertEqual(missing, [], "terms without a zh_CN translation")
