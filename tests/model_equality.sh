#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
# One model from both formats: `dump` of an XML release and of the AARCHMRS
# JSON package converted from it must agree for everything both carry.
#
# usage: tests/model_equality.sh SYSREGGEN XML-SPEC JSON-SPEC STATE
#
# The differences the formats (or the package's converter) force are the
# rules below, each with its reason. Both dumps go through the same rules,
# each rule prints how many lines it touched, and whatever still differs
# fails the test.
set -u
BIN=$1 XML=$2 JSON=$3 STATE=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$BIN" --spec "$XML" dump --state "$STATE" > "$tmp/xml.dump" || exit 1
"$BIN" --spec "$JSON" dump --state "$STATE" > "$tmp/json.dump" || exit 1

normalize() { # FILE SIDE
	awk -v side="$2" -v counts="$tmp/counts.$2" '
	# Registers the package has no entry for: SP_EL3 (AArch64), APSR, CPSR,
	# SPSR (AArch32), whose pages describe special-purpose state.
	BEGIN { split("SP_EL3 APSR CPSR SPSR", names, " "); for (i in names) only_xml[names[i]] = 1 }
	function first_value_only(line,   t, k, nt, out, in_values, kept) {
		nt = split(line, t, " ")
		out = "   "
		for (k = 1; k <= nt; k++) {
			if (in_values && t[k] ~ /^0b/ && kept)
				continue
			if (in_values && t[k] !~ /^0b/)
				in_values = 0
			if (in_values)
				kept = 1
			if (t[k] == "values")
				in_values = 1
			out = out " " t[k]
		}
		return out
	}
	function flush(   i, line, mcr_only) {
		if (!n)
			return
		if (side == "xml" && (name in only_xml)) {
			c["registers the package lacks (" name ")"]++
			n = 0
			return
		}
		mcr_only = n_acc > 0 && n_acc == n_mcr
		for (i = 1; i <= n; i++) {
			line = block[i]
			# AArch32 operations written with MCR (BPIALL, DCCSW, TLBIALL):
			# the XML marks them is_register="False", the JSON schema has no
			# such flag, so the JSON front end sees a write-only register.
			if (mcr_only && line ~ /^  kind (register|instruction)$/) {
				if (line == "  kind instruction")
					c["MCR-only operations: instruction or register"]++
				line = "  kind register-or-MCR-operation"
			}
			# Fields.Reserved has no condition member: where the XML gives an
			# unnamed reserved range a condition ("Otherwise", after a
			# conditional field at the same bits, or another one), the JSON
			# cannot.
			if (line ~ /^    field [^ ]+ - [^ ]+ .*if /) {
				sub(/ if .*$/, "", line)
				sub(/ reserved-otherwise [^ ]+/, "", line)
				c["unnamed reserved field condition"]++
			}
			# The package writes RES0 as every ConditionalField reservedtype
			# where the XML says RES1, UNKNOWN, RAO/WI, ...
			if (line ~ /reserved-otherwise [^ ]+/) {
				gsub(/reserved-otherwise [^ ]+/, "reserved-otherwise *", line)
				c["ConditionalField reservedtype"]++
			}
			# Constant fields (is_constant_value="True", IMPLEMENTATION
			# DEFINED values): the package writes Fields.ConstantField only
			# when values are listed, and keeps only the first value.
			if (line ~ / constant/) {
				sub(/ constant/, "", line)
				line = first_value_only(line)
				c["constant fields: marker and values after the first"]++
			}
			# Arrays of fields (CLIDR_EL1.Ctype<n>): the converter of the package
			# flattens Fields.Array to plain fields, as its README says, so
			# the JSON has no element bits; the XML has range_specifier.
			if (line ~ / array [^ ]+ [0-9]+@/) {
				sub(/ array [^ ]+ [^ ]+/, "", line)
				c["arrays of fields flattened by the converter"]++
			}
			print line
		}
		n = 0
	}
	/^register / { flush(); name = $3; n_acc = 0; n_mcr = 0 }
	/^  accessor / { n_acc++; if ($2 == "MCR") n_mcr++ }
	{ block[++n] = $0 }
	END {
		flush()
		for (k in c)
			printf "  %6d %-4s lines: %s\n", c[k], side, k > counts
	}' "$1"
}

normalize "$tmp/xml.dump" xml > "$tmp/xml.norm"
normalize "$tmp/json.dump" json > "$tmp/json.norm"
cat "$tmp/counts.xml" "$tmp/counts.json" 2> /dev/null | sort -k3
registers=$(grep -c '^register ' "$tmp/xml.norm")
if [ "$registers" -lt 100 ]; then
	echo "  only $registers registers compared: the dumps are not what they should be"
	exit 1
fi
if diff "$tmp/xml.norm" "$tmp/json.norm" > "$tmp/diff"; then
	echo "  dumps agree: $registers registers, $(wc -l < "$tmp/xml.norm") lines"
	exit 0
fi
echo "  dumps differ in $(grep -c '^[<>]' "$tmp/diff") lines (< XML, > JSON):"
head -40 "$tmp/diff"
exit 1
