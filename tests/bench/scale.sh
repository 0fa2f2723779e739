#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The scale benchmark of step 9 (databases of 10,000, 100,000 and 1,000,000
# dossiers; see tests/bench/README.md). Not a test: it prints figures and
# ratios. Options go to scale.py, e.g. --sizes 10000,100000 --out RESULTS.md.
exec /usr/bin/python3 "$(dirname "$0")/scale.py" "$@"
