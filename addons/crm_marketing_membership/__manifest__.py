# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "CRM Marketing Campaigns for Customer Clubs",
    "summary": "Campaign audiences by club membership and tier",
    "version": "11.0.1.0.0",
    "category": "Marketing",
    "license": "LGPL-3",
    "author": "CRM Suite",
    "website": "https://github.com/crm-suite/crm-suite",
    "depends": [
        "crm_marketing",
        "crm_membership",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/crm_marketing_campaign_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
