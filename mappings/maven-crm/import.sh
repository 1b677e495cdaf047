#!/usr/bin/env bash
# Imports the Maven Analytics CRM sample (../shared/datasets/maven-crm-sales-opportunities)
# the way a user would: organisation, people, accounts, products, then the pipeline.
# Usage: mappings/maven-crm/import.sh <dataset-folder> [--db <location>]
set -euo pipefail
dir="${1:?usage: import.sh <dataset-folder> [--db location]}"; shift
cairn() { node --import tsx "$(dirname "$0")/../../packages/cli/src/main.ts" "$@"; }
cairn "$@" import org_unit "$dir/sales_teams.csv" --mapping maven-crm/org-enterprise
cairn "$@" import org_unit "$dir/sales_teams.csv" --mapping maven-crm/org-regions
cairn "$@" import org_unit "$dir/sales_teams.csv" --mapping maven-crm/org-teams
cairn "$@" import rep "$dir/sales_teams.csv" --mapping maven-crm/rep
cairn "$@" import rep_assignment "$dir/sales_teams.csv" --mapping maven-crm/rep-assignment
cairn "$@" import customer "$dir/accounts.csv" --mapping maven-crm/customer
cairn "$@" import product "$dir/products.csv" --mapping maven-crm/product
cairn "$@" import opportunity "$dir/sales_pipeline.csv" --mapping maven-crm/opportunity
