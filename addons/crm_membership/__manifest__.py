# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "CRM Customer Clubs",
    "summary": "Customer clubs: tiers, member cards, points, fees and referrals",
    "version": "11.0.1.1.0",
    "category": "Sales",
    "license": "LGPL-3",
    "author": "CRM Suite",
    "website": "https://github.com/crm-suite/crm-suite",
    "depends": [
        "crm_lifecycle",
        "membership",
        "sale",
        "account",
        "portal",
    ],
    "data": [
        "security/crm_membership_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "report/crm_membership_card.xml",
        "views/crm_membership_wizard_views.xml",
        "views/crm_membership_club_views.xml",
        "views/crm_membership_views.xml",
        "views/res_partner_views.xml",
        "report/crm_membership_report_views.xml",
        "views/portal_templates.xml",
        "views/crm_membership_menus.xml",
    ],
    "demo": [
        "demo/crm_membership_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": True,
}
