# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The personnel file of customer-facing staff."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from odoo.addons.crm_lifecycle.models.crm_input_validation import (
    check_values, suite_fields)

from ..logic.seniority import hire_date_domain, seniority

CRM_ROLES = [
    ("salesperson", "Salesperson"),
    ("service_agent", "Service Agent"),
    ("call_centre_agent", "Call-Centre Agent"),
    ("marketer", "Marketer"),
    ("field_technician", "Field Technician"),
    ("manager", "Manager"),
]

OFFICER_GROUP = "crm_hr.group_hr_officer"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # the current contract (wage, dates) is HR's: Odoo leaves these fields open to
    # every employee, so reading a whole employee record failed for them
    contract_id = fields.Many2one(
        groups="hr.group_hr_user",
    )
    contract_ids = fields.One2many(
        groups="hr.group_hr_user",
    )
    contracts_count = fields.Integer(
        groups="hr.group_hr_user",
    )
    crm_employee_number = fields.Char(
        string="Employee Number",
        readonly=True,
        copy=False,
        index=True,
        help="Given from the sequence when the employee is created; unique per "
             "company.",
    )
    crm_role = fields.Selection(
        selection=CRM_ROLES,
        string="CRM Role",
        index=True,
        help="The kind of customer work this person does.",
    )
    crm_hire_date = fields.Date(
        string="Hire Date",
    )
    crm_seniority_years = fields.Integer(
        string="Seniority (Years)",
        compute="_compute_crm_seniority",
        search="_search_crm_seniority_years",
    )
    crm_seniority_months = fields.Integer(
        string="Seniority (Months)",
        compute="_compute_crm_seniority",
        search="_search_crm_seniority_months",
        help="Whole months since the hire date.",
    )
    crm_seniority = fields.Char(
        string="Seniority",
        compute="_compute_crm_seniority",
    )
    crm_team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        compute="_compute_crm_team_id",
        inverse="_inverse_crm_team_id",
        search="_search_crm_team_id",
        help="The sales team of the linked user: changing it here changes the "
             "user's sales team.",
    )
    crm_commission_rate = fields.Float(
        string="Commission Rate (%)",
        groups=OFFICER_GROUP,
        help="Salary-related: readable by HR officers only.",
    )
    crm_education_ids = fields.One2many(
        comodel_name="crm.hr.education",
        inverse_name="employee_id",
        string="Education",
    )
    crm_employment_ids = fields.One2many(
        comodel_name="crm.hr.employment",
        inverse_name="employee_id",
        string="Previous Employment",
    )
    crm_certification_ids = fields.One2many(
        comodel_name="crm.hr.certification",
        inverse_name="employee_id",
        string="Certifications",
    )
    crm_training_ids = fields.One2many(
        comodel_name="crm.hr.training",
        inverse_name="employee_id",
        string="Trainings",
    )
    crm_appraisal_ids = fields.One2many(
        comodel_name="crm.hr.appraisal",
        inverse_name="employee_id",
        string="Appraisals",
    )
    crm_reward_ids = fields.One2many(
        comodel_name="crm.hr.reward",
        inverse_name="employee_id",
        string="Rewards",
    )
    crm_disciplinary_ids = fields.One2many(
        comodel_name="crm.hr.disciplinary",
        inverse_name="employee_id",
        string="Disciplinary Records",
        groups=OFFICER_GROUP,
    )

    @api.multi
    def _compute_crm_seniority(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for employee in self:
            years, months = seniority(
                fields.Date.from_string(employee.crm_hire_date), today)
            employee.crm_seniority_years = years
            employee.crm_seniority_months = years * 12 + months
            employee.crm_seniority = _("%(years)s y %(months)s m") % {
                "years": years, "months": months} if employee.crm_hire_date else ""

    @api.model
    def _crm_seniority_domain(self, operator, months):
        today = fields.Date.from_string(fields.Date.context_today(self))
        domain = hire_date_domain("crm_hire_date", operator, months, today)
        # a search method's domain is inserted as is: it must be normalized
        return expression.normalize_domain([
            (leaf[0], leaf[1], fields.Date.to_string(leaf[2]) if leaf[2] else False)
            if isinstance(leaf, tuple) else leaf for leaf in domain])

    @api.model
    def _search_crm_seniority_months(self, operator, value):
        return self._crm_seniority_domain(operator, value)

    @api.model
    def _search_crm_seniority_years(self, operator, value):
        value = int(value)
        if operator in (">", "<="):
            return self._crm_seniority_domain(operator, value * 12 + 11)
        if operator == "=":
            return expression.AND([
                self._crm_seniority_domain(">=", value * 12),
                self._crm_seniority_domain("<=", value * 12 + 11)])
        return self._crm_seniority_domain(operator, value * 12)

    @api.depends("user_id.sale_team_id")
    def _compute_crm_team_id(self):
        for employee in self:
            # the team of the linked user, which the reader may not read as a user
            employee.crm_team_id = employee.user_id.sudo().sale_team_id

    @api.multi
    def _inverse_crm_team_id(self):
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_(
                "Only HR officers may change an employee's sales team."))
        for employee in self:
            if employee.crm_team_id and not employee.user_id:
                raise ValidationError(_(
                    "%s has no user: link a user before choosing a sales team.")
                    % employee.name)
            if employee.user_id:
                # an HR officer may not write users; the group is checked above and
                # only the sales team of the employee's own user changes
                employee.user_id.sudo().sale_team_id = employee.crm_team_id

    @api.model
    def _search_crm_team_id(self, operator, value):
        return [("user_id.sale_team_id", operator, value)]

    @api.constrains("crm_employee_number", "company_id")
    def _check_crm_employee_number(self):
        for employee in self.filtered("crm_employee_number"):
            if self.sudo().search_count([
                    ("crm_employee_number", "=", employee.crm_employee_number),
                    ("company_id", "=", employee.company_id.id),
                    ("id", "!=", employee.id)]):
                raise ValidationError(_(
                    "The employee number %s is already used in this company.")
                    % employee.crm_employee_number)

    @api.model
    def create(self, vals):
        check_values(self, vals, suite_fields(self))
        if not vals.get("crm_employee_number"):
            company_id = vals.get("company_id") or self.env.user.company_id.id
            vals["crm_employee_number"] = self.env["ir.sequence"].with_context(
                force_company=company_id).next_by_code("crm.hr.employee")
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals, suite_fields(self))
        if "active" in vals and not vals["active"]:
            self.filtered("active")._crm_hr_check_no_portfolio(_("archived"))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._crm_hr_check_no_portfolio(_("deleted"))
        return super().unlink()
