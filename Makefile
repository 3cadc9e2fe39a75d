# The two commands of the README, and a few helpers.
.PHONY: run rebuild test lint

run:        ## build everything, then serve Odoo with the suite and demo data
	bash scripts/run.sh

rebuild:    ## drop crm_demo and build it again, then serve
	bash scripts/run.sh --rebuild

test:       ## build everything, install the suite in a fresh database, run all checks
	bash scripts/test.sh

lint:       ## flake8 and pylint-odoo over addons/
	bash scripts/lint.sh
