// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* sysreggen: the command line. Reads the options, loads the spec into one
 * model (spec.c), runs an emitter, writes its output only if all went well. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "consumer.h"
#include "emit.h"
#include "features.h"
#include "generate.h"
#include "idregs.h"
#include "linux_file.h"
#include "idvalues.h"
#include "passes.h"
#include "spec.h"

#define SYSREGGEN_VERSION "0.1.0"

enum exit_code { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

struct options {
	struct check_levels checks; /* -E, -W */
	const char *spec;   /* NULL: the embedded release */
	const char *output; /* NULL: stdout */
	bool check;         /* generate --check */
	const char *against; /* audit --against */
	const char *qemu_idlist; /* generate --qemu-idlist */
	bool spdx_given;         /* --spdx */
	bool add_given;          /* linux-update --add (kept in emit_opt.linux_regs) */
	bool linux_regs_given;   /* generate --linux-regs */
	const char *from;    /* decode --from */
	bool common;         /* idregs --common FILE...: the set every CPU has */
	bool help;           /* -h, --help: the command's help, or the usage */
	bool quiet;          /* -q: no summary line from generate */
	struct load_options load;
	struct emit_options emit_opt; /* what emitters read: --state, --128, --format ... */
	struct feature_request features;
	struct feature_request kvm_features; /* default: FEAT_D128 */
	const char **emit;                   /* --emit */
	size_t n_emit, cap_emit;
	size_t cap_linux_regs;               /* --linux-regs, in emit_opt */
};

/* The commands: what `help`, `help CMD`, `CMD --help`, the check of the
 * arguments and the man page's command list (tested) all come from. */
enum command_flags {
	CMD_FEATURES = 1 << 0,      /* builds the feature set even without feature options */
	CMD_FEATURE_ARGS = 1 << 1,  /* its arguments are features to add (features FEAT...) */
	CMD_VIEW = 1 << 2,          /* its emitter reads the AArch64 register view */
	CMD_CONSUMER = 1 << 3,      /* reads --against PATH before emitting */
	CMD_TWO_SPECS = 1 << 4,     /* OLD NEW as arguments, not --spec */
	CMD_FILES = 1 << 5,         /* runs generate's emitters into -o DIR */
	CMD_ON_ERRORS = 1 << 6,     /* emits even when loading reported errors, then exits 1 */
	CMD_ERRORS_EXIT_2 = 1 << 7, /* 1 says something else (changes, a finding): errors exit 2 */
	CMD_IDREGS = 1 << 8,        /* its emitter reads the ID registers and their constraints */
	CMD_SOLVE = 1 << 9,         /* ... with the values that present the feature set */
	CMD_VALUES = 1 << 10,       /* ... with the values given (NAME=VALUE, --from FILE) */
	CMD_LINUX = 1 << 11,        /* linux-update: reads a kernel sysreg file */
	CMD_IDREGS32 = 1 << 12,     /* its emitter also reads the AArch32 ID registers (linux enum names) */
};

struct command {
	const char *name;
	const char *args;    /* after the name, in the synopsis */
	const char *summary; /* one line */
	const char *details; /* the options and exit statuses that concern it */
	int min_args, max_args; /* -1: any number */
	const char *args_error; /* when the count is wrong */
	unsigned flags;         /* enum command_flags */
	emit_fn *emit;          /* NULL: generate's table (CMD_FILES) */
	const char *formats;    /* what --format takes, comma-separated, the default first */
};

static const struct command commands[] = {
	{"list", "[--128] [--aliases] [--expand] [--state aarch64|aarch32|ext]",
	 "one register per line: NAME ENCODING WIDTH ACCESS [CONDITION128]",
	 "  --128           only registers that allow 128-bit access (MRRS/MSRR)\n"
	 "  --aliases       add alias accessors (TTBR0_EL12) as their own lines\n"
	 "  --expand        one line per array element (DBGBVR0_EL1 ... DBGBVR15_EL1)\n"
	 "  --state STATE   aarch64, aarch32 or ext (external and memory-mapped)\n",
	 0, 0, NULL, 0, emit_list, "text"},
	{"show", "NAME...", "everything known about registers (also aliases and array elements)",
	 "  NAME            a register, an alias (TTBR0_EL12) or an array element\n"
	 "                  (DBGBVR3_EL1), in any case; a misspelt one gets suggestions\n"
	 "  --state STATE   only registers of that state\n",
	 1, -1, "show needs a register name", 0, emit_show, "text"},
	{"stats", "", "files read by kind, registers, accessors by kind, skipped items, errors",
	 "  reports even a spec with errors, then exits 1\n", 0, 0, NULL, CMD_ON_ERRORS, emit_stats, "text"},
	{"dump", "[--format text|json] [--state STATE]", "the whole model in canonical order",
	 "  --format FMT    text (default) or json\n"
	 "  --state STATE   only registers of that state\n",
	 0, 0, NULL, 0, emit_dump, "text,json"},
	{"features", "[--all] [FEAT...]", "a feature set: its members and why each is in it",
	 "  FEAT            features to add to the AArch64 base (as --features)\n"
	 "  --profile VER, --no-feature LIST  as for every command\n"
	 "  --all           every feature and version Features.json defines, one per line\n",
	 0, -1, NULL, CMD_FEATURES | CMD_FEATURE_ARGS, emit_features, "text"},
	{"condition", "TEXT...", "how a condition in Arm's prose reads, and its value for the feature set",
	 "  TEXT            a condition as the spec writes it: \"When FEAT_D128 is implemented\"\n"
	 "                  prints its canonical form and, with feature options, true,\n"
	 "                  false, unknown or runtime\n",
	 1, -1, "condition needs the text of a condition", CMD_FEATURES, emit_condition, "text"},
	{"generate", "-o DIR [--emit LIST] [--kvm-features LIST] [--linux-regs LIST] [--spdx ID] [--qemu-idlist FILE] [--check]",
	 "write the generated files into DIR (created if missing)",
	 "  -o DIR          where to write; all files are written or none\n"
	 "  --emit LIST     only these outputs (table, kvm, qemu, linux, json)\n"
	 "  --kvm-features LIST  the features of the D128-enabled VM whose register\n"
	 "                  list kvm-sysregs.h gives (default FEAT_D128)\n"
	 "  --linux-regs LIST  write only these registers to linux-sysreg\n"
	 "  --spdx ID       the SPDX-License-Identifier of linux-sysreg and\n"
	 "                  linux-sysreg128.h (default GPL-2.0-only, the kernel's)\n"
	 "  --qemu-idlist FILE  QEMU's target/arm/cpu-sysregs.h.inc: qemu-cpu-sysregs.h.inc\n"
	 "                  keeps its order and selection, the spec's encodings, and adds\n"
	 "                  the feature ID registers it lacks\n"
	 "  --check         write nothing; list the files that would change (and\n"
	 "                  temporary files a killed run left): exit 1 if any, 2 on errors\n"
	 "  -q, --quiet     no summary line (\"sysreggen: wrote 8 files in DIR\") on stderr\n",
	 0, 0, NULL, CMD_FEATURES | CMD_VIEW | CMD_IDREGS | CMD_IDREGS32 | CMD_FILES, NULL, "text"},
	{"diff", "OLD NEW [--128] [--json] [--state STATE]", "what changed between two specs (XML or JSON, any form)",
	 "  OLD NEW         two specs, each in any form --spec takes\n"
	 "  --128           only what affects 128-bit access\n"
	 "  --json          the changes as JSON\n"
	 "  exit status: 0 no changes, 1 changes, 2 errors\n",
	 2, 2, "diff needs two specs: OLD NEW", CMD_TWO_SPECS | CMD_ERRORS_EXIT_2, emit_diff, "text,json"},
	{"linux-update", "FILE [-o OUT] [--add LIST] [--report] [--fail-on conflict]",
	 "the kernel's arch/arm64/tools/sysreg FILE updated to the spec, in its own style",
	 "  FILE            the kernel's sysreg file (the base): every line, name and\n"
	 "                  comment kept; fields the spec adds in Res0 ranges and enum\n"
	 "                  values it adds are inserted\n"
	 "  -o OUT          write there (atomically); default stdout\n"
	 "  --add LIST      add these registers as new blocks, in encoding order\n"
	 "  --report        a table of additions and conflicts on stderr\n"
	 "  --fail-on conflict  exit 1 when the spec contradicts the base\n"
	 "  exit status: 0, 1 (--fail-on), 2 when FILE cannot be read or parsed or --add names a register the spec cannot give\n",
	 1, 1, "linux-update needs the kernel's sysreg FILE", CMD_FEATURES | CMD_VIEW | CMD_IDREGS | CMD_IDREGS32 | CMD_LINUX | CMD_ERRORS_EXIT_2,
	 emit_linux_update, "text"},
	{"audit", "--against PATH [--format md|json] [--fail-on missing128,mismatch,cpreg128]",
	 "what a Linux tree or sysreg file, a QEMU tree or file, or a list of names covers",
	 "  --against PATH  the consumer to audit\n"
	 "  --format FMT    md (default) or json\n"
	 "  --fail-on LIST  exit 1 when these hold (the report is still written)\n"
	 "  exit status: 0, 1 (--fail-on), 2 when the consumer cannot be read\n",
	 0, 0, NULL, CMD_VIEW | CMD_CONSUMER | CMD_ERRORS_EXIT_2, emit_audit, "md,json"},
	{"idregs", "[--features LIST] [--profile VER] [--no-feature LIST] [--common FILE...] [--format text|json|c|qemu|kvm]",
	 "the ID register values that present a feature set",
	 "  every AArch64 ID register (op0 3, op1 0, CRn 0), each field at the smallest\n"
	 "  value for which Features.json's constraints make every feature of the set\n"
	 "  true and every other false; a field no constraint reads is 0 (and said so)\n"
	 "  --format FMT    text (default), json, c (#define of each value), qemu\n"
	 "                  (FIELD_DP64 lines), kvm (a Firecracker CPU template)\n"
	 "  --state aarch32 the AArch32 ID registers (MRC p15 c0, VMRS MVFR0-2); their\n"
	 "                  constraints hold with FEAT_AA32EL1 in the set (kvm: none)\n"
	 "  --common FILE...  the set every CPU has, each FILE one CPU's values as\n"
	 "                  decode --from reads them: a fleet presented as one CPU\n"
	 "  exit status: 1 when no values present the set (the constraints named)\n",
	 0, -1, NULL, CMD_FEATURES | CMD_VIEW | CMD_IDREGS | CMD_SOLVE, emit_idregs, "text,json,c,qemu,kvm"},
	{"decode", "[--from FILE] [NAME=VALUE...] [--format text|json]",
	 "the features ID register values imply",
	 "  NAME=VALUE      an ID register (with or without _EL1) and its value, hex or decimal\n"
	 "  --from FILE     \"NAME VALUE\" lines, or a Firecracker CPU template or\n"
	 "                  cpu-template-helper dump (bits written x are unknown)\n"
	 "  prints the implemented features, one per line; --format json gives\n"
	 "  implemented, not_implemented and unknown (the values do not decide);\n"
	 "  a field value the spec does not define is reported, not guessed\n",
	 0, -1, NULL, CMD_FEATURES | CMD_VIEW | CMD_IDREGS | CMD_VALUES, emit_decode, "text,json"},
};

static const struct command *command_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static const char usage_head[] =
	"usage: sysreggen [OPTIONS] COMMAND [ARGS]\n"
	"       sysreggen help [COMMAND]\n"
	"\n"
	"Reads Arm's System Register specification and prints what it says.\n"
	"\n"
	"commands:\n";

static const char usage_options[] =
	"options:\n"
	"  --spec PATH     Arm's System Register XML (release directory, single page,\n"
	"                  .tar.gz/.tar.xz) or AARCHMRS JSON (package directory or\n"
	"                  archive, Registers.json, Features.json)\n"
	"                  (default: the embedded " EMBEDDED_SPEC_FILE ")\n"
	"  --features LIST add features (comma-separated) to the AArch64 base set;\n"
	"                  registers, accessors and fieldsets whose condition is\n"
	"                  false for the set are left out\n"
	"  --profile VER   add every feature an architecture version requires (v9Ap4)\n"
	"  --no-feature LIST  keep these features out (an error if the set implies them)\n"
	"  --format FMT    dump: text (default) or json; audit: md (default) or json\n"
	"  --emit LIST     generate: only these outputs (table, kvm, qemu, linux, json)\n"
	"  --kvm-features LIST  generate: the features of the D128-enabled VM whose\n"
	"                  register list kvm-sysregs.h gives (default FEAT_D128)\n"
	"  --linux-regs LIST  generate: write only these registers to linux-sysreg\n"
	"  --check         generate: write nothing; list the files that would\n"
	"                  change, exit 1 if any would (2 on errors)\n"
	"  --128           list: only registers that allow 128-bit access (MRRS/MSRR)\n"
	"  --aliases       list: add alias accessors (TTBR0_EL12) as their own lines\n"
	"  --expand        list: one line per array element (DBGBVR0_EL1 ... DBGBVR15_EL1)\n"
	"  --state STATE   aarch64, aarch32 or ext (external and memory-mapped)\n"
	"  --strict        unknown elements, accessor types and files are errors\n"
	"  -E NAME, -W NAME, -W no-NAME\n"
	"                  make a check an error, a warning, or turn it off\n"
	"  --list-checks   the checks over the model, with their levels\n"
	"  -o FILE         write the output to FILE (atomically) instead of stdout\n"
	"  --max-file-bytes N, --max-total-bytes N, --max-files N, --max-depth N,\n"
	"  --max-registers N, --max-fields N, --max-string N, --max-array-items N,\n"
	"  --max-object-keys N, --max-values N\n"
	"                  input limits (defaults 256 MiB per file read, spec, tree or\n"
	"                  list alike; 1 GiB of spec in all; 100000 entries per directory\n"
	"                  walk; 256 levels,\n"
	"                  100000 registers, 4096 fields per fieldset, 1 MiB per text,\n"
	"                  100000 values per JSON array, 10000 members per JSON object,\n"
	"                  300000 values per JSON entry or document)\n"
	"  -h, --help      this text\n"
	"  --version       print the version\n"
	"\n"
	"exit status: 0 success, 1 errors in the input (nothing is written), 2 usage errors;\n"
	"diff and audit: see sysreggen help diff, sysreggen help audit\n";

static void print_usage(FILE *out)
{
	fputs(usage_head, out);
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fputs("\n", out);
	fputs(usage_options, out);
}

/* `sysreggen help CMD`, `sysreggen CMD --help` */
static void print_command_help(const struct command *c)
{
	printf("usage: sysreggen [OPTIONS] %s%s%s\n\n%s\n\n%s\n", c->name, c->args[0] ? " " : "", c->args, c->summary,
	       c->details);
	printf("The options of every command (--spec, --features, --strict, -o, the limits...):\n"
	       "sysreggen --help\n");
}

enum { OPT_SPEC = 256, OPT_128, OPT_ALIASES, OPT_EXPAND, OPT_STATE, OPT_STRICT, OPT_VERSION,
       OPT_MAX_FILE, OPT_MAX_FILES, OPT_MAX_TOTAL, OPT_MAX_DEPTH, OPT_FEATURES, OPT_NO_FEATURE, OPT_PROFILE, OPT_FORMAT,
       OPT_EMIT, OPT_KVM_FEATURES, OPT_LINUX_REGS, OPT_CHECK, OPT_MAX_REGISTERS, OPT_MAX_FIELDS, OPT_MAX_STRING,
       OPT_MAX_ARRAY, OPT_MAX_KEYS, OPT_MAX_VALUES, OPT_LIST_CHECKS, OPT_JSON, OPT_AGAINST, OPT_FAIL_ON,
       OPT_FROM, OPT_ALL, OPT_COMMON, OPT_QEMU_IDLIST, OPT_SPDX, OPT_ADD, OPT_REPORT };

static const struct option long_options[] = {
	{"spec", required_argument, NULL, OPT_SPEC},
	{"128", no_argument, NULL, OPT_128},
	{"aliases", no_argument, NULL, OPT_ALIASES},
	{"expand", no_argument, NULL, OPT_EXPAND},
	{"state", required_argument, NULL, OPT_STATE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"max-file-bytes", required_argument, NULL, OPT_MAX_FILE},
	{"max-files", required_argument, NULL, OPT_MAX_FILES},
	{"max-total-bytes", required_argument, NULL, OPT_MAX_TOTAL},
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
	{"max-registers", required_argument, NULL, OPT_MAX_REGISTERS},
	{"max-fields", required_argument, NULL, OPT_MAX_FIELDS},
	{"max-string", required_argument, NULL, OPT_MAX_STRING},
	{"max-array-items", required_argument, NULL, OPT_MAX_ARRAY},
	{"max-object-keys", required_argument, NULL, OPT_MAX_KEYS},
	{"max-values", required_argument, NULL, OPT_MAX_VALUES},
	{"list-checks", no_argument, NULL, OPT_LIST_CHECKS},
	{"features", required_argument, NULL, OPT_FEATURES},
	{"no-feature", required_argument, NULL, OPT_NO_FEATURE},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"emit", required_argument, NULL, OPT_EMIT},
	{"kvm-features", required_argument, NULL, OPT_KVM_FEATURES},
	{"linux-regs", required_argument, NULL, OPT_LINUX_REGS},
	{"qemu-idlist", required_argument, NULL, OPT_QEMU_IDLIST},
	{"spdx", required_argument, NULL, OPT_SPDX},
	{"add", required_argument, NULL, OPT_ADD},
	{"report", no_argument, NULL, OPT_REPORT},
	{"check", no_argument, NULL, OPT_CHECK},
	{"json", no_argument, NULL, OPT_JSON},
	{"against", required_argument, NULL, OPT_AGAINST},
	{"from", required_argument, NULL, OPT_FROM},
	{"all", no_argument, NULL, OPT_ALL},
	{"common", no_argument, NULL, OPT_COMMON},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
	{"quiet", no_argument, NULL, 'q'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "sysreggen: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'sysreggen --help'.\n");
	return EXIT_USAGE;
}

static int parse_state(const char *s)
{
	if (strcasecmp(s, "aarch64") == 0)
		return STATE_AARCH64;
	if (strcasecmp(s, "aarch32") == 0)
		return STATE_AARCH32;
	if (strcasecmp(s, "ext") == 0)
		return STATE_EXT;
	return -2;
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v == 0 || v > SIZE_MAX || s[0] == '-')
		return false;
	*out = (size_t)v;
	return true;
}

/* Split "A,B" into names (pointing into argv, which lives as long as main). */
static void add_names(char *list, const char ***names, size_t *n, size_t *cap)
{
	for (char *tok = strtok(list, ", "); tok; tok = strtok(NULL, ", "))
		*VEC_PUSH(*names, *n, *cap) = tok;
}

/* Returns -1 to go on, else an exit code. */
/* -E NAME: an error; -W NAME: a warning; -W no-NAME: off */
static bool set_check_level(struct check_levels *cl, int opt, const char *arg)
{
	if (opt == 'E')
		return check_set_level(cl, arg, CHECK_ERROR);
	if (str_starts_with(arg, "no-"))
		return check_set_level(cl, arg + 3, CHECK_OFF);
	return check_set_level(cl, arg, CHECK_WARNING);
}

static void list_checks(const struct check_levels *cl)
{
	static const char *const levels[] = {"off", "warning", "error"};
	for (size_t i = 0; i < check_count(); i++)
		printf("%-20s %-8s %s\n", check_name(i), levels[cl->level[i]], check_description(i));
}

/* --max-...: one input limit; false if the value is not a positive number */
static bool set_limit(struct load_options *l, int opt, const char *arg)
{
	size_t n;
	if (!parse_size(arg, &n))
		return false;
	switch (opt) {
	case OPT_MAX_FILE: l->read.max_file_bytes = n; break;
	case OPT_MAX_FILES: l->read.max_files = n; break;
	case OPT_MAX_TOTAL: l->max_total_bytes = n; break;
	case OPT_MAX_REGISTERS: l->max_registers = n; break;
	case OPT_MAX_FIELDS: l->max_fields = n; break;
	case OPT_MAX_STRING: l->max_string = n; break;
	case OPT_MAX_ARRAY: l->max_array_items = n; break;
	case OPT_MAX_KEYS: l->max_object_keys = n; break;
	case OPT_MAX_VALUES: l->max_values = n; break;
	default: l->max_depth = n > 100000 ? 100000 : (unsigned)n; break; /* OPT_MAX_DEPTH */
	}
	return true;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	int c;
	opterr = 0; /* one way of saying it: usage_error() */
	while ((c = getopt_long(argc, argv, ":hqo:E:W:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_SPEC: o->spec = optarg; break;
		case OPT_128: o->emit_opt.only128 = true; break;
		case OPT_ALIASES: o->emit_opt.aliases = true; break;
		case OPT_EXPAND: o->emit_opt.expand = true; break;
		case OPT_STRICT: o->load.read.strict = true; break;
		case 'o': o->output = optarg; break;
		case OPT_STATE:
			o->emit_opt.state = parse_state(optarg);
			if (o->emit_opt.state < -1)
				return usage_error("--state '%s': expected aarch64, aarch32 or ext", optarg);
			break;
		case OPT_MAX_FILE:
		case OPT_MAX_FILES:
		case OPT_MAX_TOTAL:
		case OPT_MAX_DEPTH:
		case OPT_MAX_REGISTERS:
		case OPT_MAX_FIELDS:
		case OPT_MAX_STRING:
		case OPT_MAX_ARRAY:
		case OPT_MAX_KEYS:
		case OPT_MAX_VALUES:
			if (!set_limit(&o->load, c, optarg))
				return usage_error("'%s': expected a positive number", optarg);
			break;
		case OPT_FEATURES: add_names(optarg, &o->features.add, &o->features.n_add, &o->features.cap_add); break;
		case OPT_NO_FEATURE:
			add_names(optarg, &o->features.remove, &o->features.n_remove, &o->features.cap_remove);
			break;
		case OPT_PROFILE: o->features.profile = optarg; break;
		case OPT_EMIT:
			add_names(optarg, &o->emit, &o->n_emit, &o->cap_emit);
			for (size_t i = 0; i < o->n_emit; i++)
				if (!emitter_find(o->emit[i]))
					return usage_error("--emit '%s': expected table, kvm, qemu, linux or json", o->emit[i]);
			break;
		case OPT_KVM_FEATURES:
			add_names(optarg, &o->kvm_features.add, &o->kvm_features.n_add, &o->kvm_features.cap_add);
			break;
		case OPT_LINUX_REGS: o->linux_regs_given = true; add_names(optarg, &o->emit_opt.linux_regs, &o->emit_opt.n_linux_regs, &o->cap_linux_regs); break;
		case OPT_CHECK: o->check = true; break;
		case OPT_JSON: o->emit_opt.json = true; break;
		case OPT_AGAINST: o->against = optarg; break;
		case OPT_QEMU_IDLIST: o->qemu_idlist = optarg; break;
		case OPT_SPDX: o->spdx_given = true; o->emit_opt.spdx = optarg; break;
		case OPT_ADD: o->add_given = true; add_names(optarg, &o->emit_opt.linux_regs, &o->emit_opt.n_linux_regs, &o->cap_linux_regs); break;
		case OPT_REPORT: o->emit_opt.report = true; break;
		case OPT_FROM: o->from = optarg; break;
		case OPT_ALL: o->emit_opt.all = true; break;
		case OPT_COMMON: o->common = true; break;
		case OPT_FAIL_ON:
			for (char *t = strtok(optarg, ","); t; t = strtok(NULL, ",")) {
				if (strcmp(t, "missing128") == 0)
					o->emit_opt.fail_on |= AUDIT_MISSING128;
				else if (strcmp(t, "mismatch") == 0)
					o->emit_opt.fail_on |= AUDIT_MISMATCH;
				else if (strcmp(t, "cpreg128") == 0)
					o->emit_opt.fail_on |= AUDIT_CPREG128;
				else if (strcmp(t, "conflict") == 0)
					o->emit_opt.fail_on |= LINUX_CONFLICT;
				else
					return usage_error("--fail-on '%s': expected missing128, mismatch, cpreg128 or conflict", t);
			}
			break;
		case OPT_FORMAT: /* which command takes which: dispatch() */
			o->emit_opt.format = optarg;
			o->emit_opt.json = strcmp(optarg, "json") == 0;
			break;
		case 'E':
		case 'W':
			if (!set_check_level(&o->checks, c, optarg))
				return usage_error("'%s': no such check (--list-checks lists them)", optarg);
			break;
		case OPT_LIST_CHECKS: list_checks(&o->checks); return EXIT_OK;
		case 'h': o->help = true; break;
		case 'q': o->quiet = true; break;
		case OPT_VERSION: printf("sysreggen %s\n", SYSREGGEN_VERSION); return EXIT_OK;
		case ':': return usage_error("%s: the option needs a value", argv[optind - 1]);
		default: return usage_error("%s: unknown option", argv[optind - 1]);
		}
	}
	return -1;
}

/* -o FILE: written whole or not at all; an -o that names a FIFO, a device
 * or a directory is refused (exit 2) and left as it is. */
static int write_output(const struct options *o, const struct strbuf *out, struct diag *d)
{
	const char *data = out->s ? out->s : "";
	if (o->output) {
		int rc = write_file_atomic(o->output, data, out->len, d);
		return rc == 2 ? EXIT_USAGE : rc ? EXIT_INPUT : EXIT_OK;
	}
	if (fwrite(data, 1, out->len, stdout) != out->len || fflush(stdout) != 0) {
		fprintf(stderr, "sysreggen: error: cannot write to standard output: %s\n", strerror(errno));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* "sysreggen: 2 errors in PATH; nothing written", the path shown one line
 * whatever it holds */
static bool nothing_written_in(const struct diag *d, const char *path)
{
	struct strbuf shown = {0};
	sb_add_shown(&shown, path, 4096);
	fprintf(stderr, "sysreggen: %u error%s in %s; nothing written\n", d->errors, d->errors == 1 ? "" : "s",
		shown.s ? shown.s : "");
	sb_free(&shown);
	return false;
}

/* "sysreggen: 2 errors; nothing written", after the errors */
static bool nothing_written(const struct diag *d)
{
	fprintf(stderr, "sysreggen: %u error%s; nothing written\n", d->errors, d->errors == 1 ? "" : "s");
	return false;
}

/* generate: the files of the emitters --emit names (all by default) into
 * -o DIR, all or none. */
static int run_generate(const struct options *o, struct emit_context *ctx)
{
	int rc = generate_run(ctx, o->output, o->n_emit ? o->emit : NULL, o->n_emit, o->check);
	if (rc && ctx->d->errors) { /* with --check, 1 means stale: an error is 2; so is a refused output */
		rc = o->check || rc == 2 ? 2 : EXIT_INPUT;
		nothing_written(ctx->d);
	} else if (rc == 0 && !o->quiet) { /* what build tools say; -q for silence */
		fprintf(stderr, "sysreggen: %s %zu file%s in %s\n", o->check ? "checked" : "wrote", ctx->n_files,
			ctx->n_files == 1 ? "" : "s", o->output);
	}
	return rc;
}

/* A command's one output: to -o FILE only when the emitter succeeded (the
 * file is whole or untouched); to stdout also what it found before an
 * error (show A B prints A when B is not found, as ls does). */
static int run_emitter(const struct options *o, const struct command *c, struct emit_context *ctx)
{
	bool ok = c->emit(ctx);
	struct strbuf *out = emit_output(ctx);
	int error_rc = (c->flags & CMD_ERRORS_EXIT_2) ? 2 : EXIT_INPUT; /* 1 says a finding there */
	if (!ok && (o->output || !out->len))
		return error_rc;
	int rc = write_output(o, out, ctx->d);
	return rc != EXIT_OK ? ((c->flags & CMD_ERRORS_EXIT_2) ? 2 : rc) : ok ? ctx->status : error_rc;
}

/* One spec through the pipeline up to the emitters: load, feature set and
 * filter, resolve, classify. */
static bool load_model(struct options *o, const char *spec, bool want_features, struct model *m,
		       struct feature_set *fs, struct diag *d)
{
	model_init(m);
	bool ok = spec_load(m, spec, &o->load, want_features, d);
	ok = check_model(m, d, &o->checks) && ok;
	if (ok && want_features) {
		if (!m->features.loaded) {
			diag_error(d, NULL, "no Features.json: feature options need one in the spec or compiled in");
			ok = false;
		} else {
			ok = feature_set_build(fs, &m->features, &o->features, d);
			features_filter_model(m, fs);
		}
	}
	resolve_accessors(m);
	ok = check_resolved_model(m, d, &o->checks) && ok;
	classify_registers(m);
	return ok;
}

/* What the command's emitters read besides the model, computed once:
 * the register view, the KVM VM's feature set, the consumer. */
struct derived {
	struct reg_view view;
	struct feature_set kvm;
	struct consumer con;
	struct idregs idregs;
	struct idregs idregs32;    /* generate, linux-update: the AArch32 ID registers */
	struct feature_set common; /* idregs --common */
	struct linux_file lf;      /* linux-update's FILE */
};

/* idregs --common FILE...: decode each CPU's values; the features all of
 * them implement are the set (with what it implies). */
static bool common_features(const struct options *o, const struct model *m, const struct reg_view *view,
			    const struct feature_set *fs, struct feature_set *common, struct diag *d)
{
	bool *everywhere = xcalloc(fs->n + 1, sizeof(*everywhere));
	for (size_t i = 0; i < fs->n; i++)
		everywhere[i] = true;
	bool ok = true;
	for (int f = 0; f < o->emit_opt.n_args; f++) {
		struct idregs one;
		struct id_decoded dec;
		idregs_build(&one, m, view, fs, o->emit_opt.state == STATE_AARCH32);
		ok = idvalues_read_file(&one, o->emit_opt.args[f], o->load.read.max_file_bytes, d) && ok;
		idregs_decode(&one, &dec);
		for (size_t i = 0; i < fs->n; i++)
			everywhere[i] &= dec.verdict[i] == ID_IMPLEMENTED;
		id_decoded_free(&dec);
		idregs_free(&one);
	}
	struct feature_request req = {0};
	for (size_t i = 0; i < fs->n; i++)
		if (everywhere[i])
			*VEC_PUSH(req.add, req.n_add, req.cap_add) = fs->db->params[i].name;
	free(everywhere);
	ok = ok && feature_set_build(common, fs->db, &req, d);
	feature_request_free(&req);
	return ok;
}

/* What the command's emitter reads besides the model; false, with the
 * errors reported and said so, when it cannot be had. */
static bool derive(struct options *o, const struct command *c, const struct model *m, const struct feature_set *fs,
		   struct derived *dv, struct diag *d)
{
	if (c->flags & CMD_VIEW)
		reg_view_build(&dv->view, m);
	if ((c->flags & CMD_SOLVE) && o->common) {
		if (!common_features(o, m, &dv->view, fs, &dv->common, d))
			return nothing_written(d);
		fs = &dv->common;
	}
	if (c->flags & CMD_IDREGS)
		idregs_build(&dv->idregs, m, &dv->view, fs, o->emit_opt.state == STATE_AARCH32);
	if (c->flags & CMD_IDREGS32)
		idregs_build(&dv->idregs32, m, &dv->view, fs, true);
	if ((c->flags & CMD_SOLVE) && !idregs_solve(&dv->idregs, d))
		return nothing_written(d);
	if (c->flags & CMD_VALUES) {
		bool ok = idvalues_read_args(&dv->idregs, o->emit_opt.args, o->emit_opt.n_args, d);
		if (o->from)
			ok = idvalues_read_file(&dv->idregs, o->from, o->load.read.max_file_bytes, d) && ok;
		if (!ok)
			return nothing_written(d);
	}
	if (c->flags & CMD_FILES) {
		if (o->kvm_features.n_add == 0) /* a D128 VM: FEAT_THE's registers are not expected in KVM */
			*VEC_PUSH(o->kvm_features.add, o->kvm_features.n_add, o->kvm_features.cap_add) = "FEAT_D128";
		if (!feature_set_build(&dv->kvm, &m->features, &o->kvm_features, d))
			return nothing_written(d);
	}
	if ((c->flags & CMD_FILES) && o->qemu_idlist) {
		if (!consumer_read(&dv->con, o->qemu_idlist, &o->load.read, d))
			return nothing_written(d);
		if (!dv->con.n_idlist) {
			struct srcloc loc = {o->qemu_idlist, 0, 0};
			diag_error(d, &loc, "--qemu-idlist: no DEF(NAME, op0, op1, crn, crm, op2) line: not QEMU's cpu-sysregs.h.inc");
			return nothing_written(d);
		}
	}
	if ((c->flags & CMD_LINUX) && !linux_file_read(&dv->lf, o->emit_opt.args[0], o->load.read.max_file_bytes, d))
		return nothing_written_in(d, o->emit_opt.args[0]);
	if ((c->flags & CMD_CONSUMER) && !consumer_read(&dv->con, o->against, &o->load.read, d))
		return nothing_written_in(d, o->against);
	return true;
}

static void derived_free(struct derived *dv)
{
	reg_view_free(&dv->view);
	feature_set_free(&dv->kvm);
	consumer_free(&dv->con);
	idregs_free(&dv->idregs);
	idregs_free(&dv->idregs32);
	feature_set_free(&dv->common);
	linux_file_free(&dv->lf);
}

/* The pipeline: load the spec (diff: two) into one model, build the
 * feature set and leave out what it lacks, resolve accessors, classify,
 * derive the views, emit, write. */
static int run(struct options *o, const struct command *c, int argc, char **argv)
{
	struct model m, old;
	struct diag d = {.out = stderr, .max_reported = 200, .per_kind = 10};
	struct feature_set fs = {0}, fs_old = {0};
	struct derived dv = {0};
	int error_rc = (c->flags & CMD_ERRORS_EXIT_2) || ((c->flags & CMD_FILES) && o->check) ? 2 : EXIT_INPUT;
	if (c->flags & CMD_FEATURE_ARGS) /* `features FEAT_D128` names what to add */
		for (int i = 0; i < argc; i++)
			*VEC_PUSH(o->features.add, o->features.n_add, o->features.cap_add) = argv[i];
	bool want_features = (c->flags & CMD_FEATURES) || !feature_request_empty(&o->features);
	if ((c->flags & CMD_SOLVE) && feature_request_empty(&o->features)) /* the AArch64 base, at least */
		*VEC_PUSH(o->features.add, o->features.n_add, o->features.cap_add) = feature_base[0];
	model_init(&old);
	bool ok = true;
	if (c->flags & CMD_TWO_SPECS)
		ok = load_model(o, argv[0], want_features, &old, &fs_old, &d);
	ok = load_model(o, (c->flags & CMD_TWO_SPECS) ? argv[1] : o->spec, want_features, &m, &fs, &d) && ok;
	o->emit_opt.args = argv;
	o->emit_opt.n_args = argc;
	o->emit_opt.max_depth = o->load.max_depth;
	struct emit_context ctx = {&m, (c->flags & CMD_TWO_SPECS) ? &old : NULL, &fs, &dv.kvm, &dv.view, &dv.con,
				   &dv.idregs, &o->emit_opt, SYSREGGEN_VERSION, &d, NULL, 0, 0, 0, &dv.lf, &dv.idregs32};
	int rc;
	if (!ok && !(c->flags & CMD_ON_ERRORS)) {
		nothing_written(&d);
		rc = error_rc;
	} else if (!derive(o, c, &m, &fs, &dv, &d)) {
		rc = error_rc;
	} else if (c->flags & CMD_FILES) {
		rc = run_generate(o, &ctx);
	} else {
		rc = run_emitter(o, c, &ctx);
		if (!ok) /* stats reports even a spec with errors, then fails */
			rc = EXIT_INPUT;
	}
	diag_finish(&d);
	for (size_t i = 0; i < ctx.n_files; i++)
		sb_free(&ctx.files[i].text);
	free(ctx.files);
	derived_free(&dv);
	feature_set_free(&fs);
	feature_set_free(&fs_old);
	model_free(&m);
	model_free(&old);
	return rc;
}

static void free_options(struct options *o)
{
	feature_request_free(&o->features);
	feature_request_free(&o->kvm_features);
	free(o->emit);
	free(o->emit_opt.linux_regs);
}

/* Is `word` one of the comma-separated `list`? */
static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* --format "md" for idregs: "--format 'md': idregs takes text, json, c, qemu or kvm" */
static int format_error(const struct command *c, const char *format)
{
	struct strbuf choices = {0};
	for (const char *p = c->formats; *p; p++) {
		if (*p != ',')
			sb_printf(&choices, "%c", *p);
		else
			sb_add(&choices, strchr(p + 1, ',') ? ", " : " or ");
	}
	fprintf(stderr, "sysreggen: error: --format '%s': %s takes %s\nTry 'sysreggen help %s'.\n", format, c->name,
		choices.s, c->name);
	sb_free(&choices);
	return EXIT_USAGE;
}

/* The command's arguments and the options it needs, from the table:
 * -1 to go on, else the exit status of a usage error. */
static int check_arguments(const struct options *o, const struct command *c, int nargs, char **args)
{
	if (nargs < c->min_args || (c->max_args >= 0 && nargs > c->max_args)) {
		if (c->args_error)
			return usage_error("%s", c->args_error);
		return usage_error("unexpected argument '%s'", args[c->max_args]); /* min_args is 0 */
	}
	if (o->emit_opt.format && !in_list(c->formats, o->emit_opt.format))
		return format_error(c, o->emit_opt.format);
	if ((c->flags & CMD_IDREGS) && o->emit_opt.state >= 0 && o->emit_opt.state != STATE_AARCH64 &&
	    o->emit_opt.state != STATE_AARCH32)
		return usage_error("%s", "--state: ID registers are aarch64 or aarch32");
	if ((c->flags & CMD_SOLVE) && o->emit_opt.state == STATE_AARCH32 && o->emit_opt.format &&
	    strcmp(o->emit_opt.format, "kvm") == 0)
		return usage_error("%s", "--format kvm: AArch32 ID registers have no KVM ids of their own (their _EL1 views do)");
	if ((c->flags & CMD_SOLVE) && (o->common ? nargs == 0 : nargs > 0))
		return usage_error("%s", o->common ? "idregs --common needs one FILE of values per CPU"
						   : "idregs takes no arguments (--common FILE... does)");
	if ((c->flags & CMD_TWO_SPECS) && o->spec)
		return usage_error("%s takes its two specs as arguments, not --spec", c->name);
	if ((c->flags & CMD_CONSUMER) && !o->against)
		return usage_error("%s needs --against PATH", c->name);
	if ((c->flags & CMD_FILES) && !o->output)
		return usage_error("%s needs -o DIR", c->name);
	if (o->qemu_idlist && !(c->flags & CMD_FILES))
		return usage_error("--qemu-idlist is an option of generate, not of %s", c->name);
	if (o->linux_regs_given && !(c->flags & CMD_FILES))
		return usage_error((c->flags & CMD_LINUX) ? "--linux-regs is an option of generate, not of %s: --add names "
							      "the registers to add"
							    : "--linux-regs is an option of generate, not of %s",
				   c->name);
	if (o->add_given && !(c->flags & CMD_LINUX))
		return usage_error("--add is an option of linux-update, not of %s", c->name);
	if (o->emit_opt.report && !(c->flags & CMD_LINUX))
		return usage_error("--report is an option of linux-update, not of %s", c->name);
	/* linux-update keeps the base's own licence line */
	if (o->spdx_given && !(c->flags & CMD_FILES))
		return usage_error("--spdx is an option of generate, not of %s", c->name);
	/* an SPDX expression: identifiers, '.', '-', '+', parentheses, spaces */
	const char *spdx = o->emit_opt.spdx;
	if (!spdx[0] || strspn(spdx, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-+() :") != strlen(spdx))
		return usage_error("--spdx '%s': expected an SPDX licence expression (GPL-2.0-only)", spdx);
	return -1;
}

/* The command and its arguments, checked against the table, then run. */
static int dispatch(struct options *o, int argc, char **argv)
{
	if (argc == 0 || strcmp(argv[0], "help") == 0) {
		if (argc <= 1 && (argc == 1 || o->help)) {
			print_usage(stdout);
			return EXIT_OK;
		}
		if (argc == 0)
			return usage_error("%s", "no command given (sysreggen help lists them)");
		const struct command *c = command_find(argv[1]);
		if (!c)
			return usage_error("help: unknown command '%s' (sysreggen help lists them)", argv[1]);
		print_command_help(c);
		return EXIT_OK;
	}
	const struct command *c = command_find(argv[0]);
	if (!c) {
		struct strbuf hint = {0};
		const char *names[ARRAY_LEN(commands)];
		for (size_t i = 0; i < ARRAY_LEN(commands); i++)
			names[i] = commands[i].name;
		suggest_nearest(&hint, argv[0], names, ARRAY_LEN(commands));
		fprintf(stderr, "sysreggen: error: unknown command '%s'%s\nTry 'sysreggen help'.\n", argv[0],
			hint.s ? hint.s : "");
		sb_free(&hint);
		return EXIT_USAGE;
	}
	if (o->help) {
		print_command_help(c);
		return EXIT_OK;
	}
	int rc = check_arguments(o, c, argc - 1, argv + 1);
	if (rc >= 0)
		return rc;
	return run(o, c, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	/* a full disk or a file size limit (ulimit -f) must be a write error
	 * reported like any other, not a signal: temporary files are removed
	 * and earlier outputs stay as they were */
	signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
	/* Loading allocates and frees tens of megabytes in per-page and
	 * per-entry arenas: glibc would hand freed memory back to the kernel
	 * at every turn and fault it in again (half the page faults of a
	 * `generate`). The peak is unchanged. */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
	struct options o = {0};
	load_options_default(&o.load);
	check_levels_default(&o.checks);
	o.emit_opt.state = -1;
	o.emit_opt.spdx = "GPL-2.0-only";
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0) {
		free_options(&o);
		return rc;
	}
	rc = dispatch(&o, argc - optind, argv + optind);
	free_options(&o);
	return rc;
}
