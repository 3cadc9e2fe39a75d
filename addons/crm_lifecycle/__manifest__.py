# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "CRM Customer Lifecycle",
    "summary": "Customer lifecycle stages, RFM segments and customer analyses",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "license": "LGPL-3",
    "author": "CRM Suite",
    "website": "https://github.com/crm-suite/crm-suite",
    "depends": [
        "crm",
        "sale_management",
        "sale_margin",
        "sale_crm",
        "account",
    ],
    "data": [
        "security/crm_lifecycle_security.xml",
        "security/ir.model.access.csv",
        "data/crm_lifecycle_stage_data.xml",
        "data/ir_cron_data.xml",
        "wizards/crm_lifecycle_set_stage_views.xml",
        "views/crm_lifecycle_stage_views.xml",
        "views/crm_lifecycle_history_views.xml",
        "views/crm_lifecycle_profile_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_lifecycle_menus.xml",
    ],
    "demo": [
        "demo/crm_lifecycle_demo.xml",
    ],
    "installable": True,
    "application": False,
}
