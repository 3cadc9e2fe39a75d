# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled points expiry commits each batch (its record is noupdate)."""


def migrate(cr, version):
    cr.execute("""
        UPDATE ir_act_server s
           SET code = 'model._cron_expire_points(autocommit=True)'
          FROM ir_cron c
          JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
         WHERE d.module = 'crm_membership' AND d.name = 'ir_cron_membership_expire'
           AND s.id = c.ir_actions_server_id
           AND s.code = 'model._cron_expire_points()'
    """)
