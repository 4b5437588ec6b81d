/* sysreggen: the command line. Reads the options, loads the spec into one
 * model (spec.c), runs an emitter, writes its output only if all went well. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emit.h"
#include "spec.h"

#define SYSREGGEN_VERSION "0.1.0"

enum exit_code { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

struct options {
	const char *spec;   /* NULL: the embedded release */
	const char *output; /* NULL: stdout */
	struct load_options load;
	struct list_options list;
};

static const char usage_text[] =
	"usage: sysreggen [OPTIONS] COMMAND [ARGS]\n"
	"\n"
	"Reads Arm's System Register specification and prints what it says.\n"
	"\n"
	"commands:\n"
	"  list            one register per line: NAME ENCODING WIDTH ACCESS [CONDITION128]\n"
	"  show NAME       everything known about one register (also an alias or array element)\n"
	"  stats           pages read, registers, accessors by kind, skipped items, errors\n"
	"\n"
	"options:\n"
	"  --spec PATH     release directory, single page, or .tar.gz/.tar.xz archive\n"
	"                  (default: the embedded " EMBEDDED_SPEC_FILE ")\n"
	"  --128           list: only registers that allow 128-bit access (MRRS/MSRR)\n"
	"  --aliases       list: add alias accessors (TTBR0_EL12) as their own lines\n"
	"  --expand        list: one line per array element (DBGBVR0_EL1 ... DBGBVR15_EL1)\n"
	"  --state STATE   aarch64, aarch32 or ext (external and memory-mapped)\n"
	"  --strict        unknown elements, accessor types and files are errors\n"
	"  -o FILE         write the output to FILE (atomically) instead of stdout\n"
	"  --max-file-bytes N, --max-total-bytes N, --max-depth N\n"
	"                  input limits (defaults 64 MiB per file, 1 GiB in all, 256 levels)\n"
	"  -h, --help      this text\n"
	"  --version       print the version\n"
	"\n"
	"exit status: 0 success, 1 errors in the input (nothing is written), 2 usage errors\n";

enum { OPT_SPEC = 256, OPT_128, OPT_ALIASES, OPT_EXPAND, OPT_STATE, OPT_STRICT, OPT_VERSION,
       OPT_MAX_FILE, OPT_MAX_TOTAL, OPT_MAX_DEPTH };

static const struct option long_options[] = {
	{"spec", required_argument, NULL, OPT_SPEC},
	{"128", no_argument, NULL, OPT_128},
	{"aliases", no_argument, NULL, OPT_ALIASES},
	{"expand", no_argument, NULL, OPT_EXPAND},
	{"state", required_argument, NULL, OPT_STATE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"max-file-bytes", required_argument, NULL, OPT_MAX_FILE},
	{"max-total-bytes", required_argument, NULL, OPT_MAX_TOTAL},
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
	{"output", required_argument, NULL, 'o'},
	{"help", no_argument, NULL, 'h'},
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

/* Returns -1 to go on, else an exit code. */
static int parse_options(int argc, char **argv, struct options *o)
{
	int c;
	size_t n;
	while ((c = getopt_long(argc, argv, "ho:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_SPEC: o->spec = optarg; break;
		case OPT_128: o->list.only128 = true; break;
		case OPT_ALIASES: o->list.aliases = true; break;
		case OPT_EXPAND: o->list.expand = true; break;
		case OPT_STRICT: o->load.strict = true; break;
		case 'o': o->output = optarg; break;
		case OPT_STATE:
			o->list.state = parse_state(optarg);
			if (o->list.state < -1)
				return usage_error("--state '%s': expected aarch64, aarch32 or ext", optarg);
			break;
		case OPT_MAX_FILE:
		case OPT_MAX_TOTAL:
		case OPT_MAX_DEPTH:
			if (!parse_size(optarg, &n))
				return usage_error("'%s': expected a positive number", optarg);
			if (c == OPT_MAX_FILE)
				o->load.max_file_bytes = n;
			else if (c == OPT_MAX_TOTAL)
				o->load.max_total_bytes = n;
			else
				o->load.max_depth = n > 100000 ? 100000 : (unsigned)n;
			break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		case OPT_VERSION: printf("sysreggen %s\n", SYSREGGEN_VERSION); return EXIT_OK;
		default: fputs("Try 'sysreggen --help'.\n", stderr); return EXIT_USAGE;
		}
	}
	return -1;
}

static int write_output(const struct options *o, const struct strbuf *out)
{
	const char *data = out->s ? out->s : "";
	if (o->output) {
		if (write_file_atomic(o->output, data, out->len) != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", o->output, strerror(errno));
			return EXIT_INPUT;
		}
		return EXIT_OK;
	}
	if (fwrite(data, 1, out->len, stdout) != out->len || fflush(stdout) != 0) {
		fprintf(stderr, "sysreggen: error: cannot write to standard output: %s\n", strerror(errno));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static int run(const struct options *o, const char *command, int argc, char **argv)
{
	struct model m;
	struct diag d = {stderr, 0, 0, 200};
	struct strbuf out = {0};
	int rc = EXIT_OK;
	model_init(&m);
	bool loaded = spec_load(&m, o->spec, &o->load, &d);
	if (strcmp(command, "stats") == 0) {
		/* stats reports even a spec with errors, then fails */
		emit_stats(&out, &m, &d);
		rc = write_output(o, &out);
		if (!loaded)
			rc = EXIT_INPUT;
	} else if (!loaded) {
		fprintf(stderr, "sysreggen: %u error%s in %s; nothing written\n", d.errors, d.errors == 1 ? "" : "s",
			m.source);
		rc = EXIT_INPUT;
	} else if (strcmp(command, "list") == 0) {
		emit_list(&out, &m, &o->list);
		rc = write_output(o, &out);
	} else { /* show */
		for (int i = 0; i < argc; i++) {
			if (emit_show(&out, &m, argv[i], o->list.state) == 0) {
				fprintf(stderr, "sysreggen: error: no register named '%s' in %s\n", argv[i], m.source);
				rc = EXIT_INPUT;
			}
		}
		if (rc == EXIT_OK)
			rc = write_output(o, &out);
	}
	sb_free(&out);
	model_free(&m);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	load_options_default(&o.load);
	o.list.state = -1;
	int rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("%s", "no command given (list, show, stats)");
	const char *command = argv[optind];
	int nargs = argc - optind - 1;
	char **args = argv + optind + 1;
	if (strcmp(command, "list") == 0 || strcmp(command, "stats") == 0) {
		if (nargs)
			return usage_error("unexpected argument '%s'", args[0]);
	} else if (strcmp(command, "show") == 0) {
		if (!nargs)
			return usage_error("%s", "show needs a register name");
	} else {
		return usage_error("unknown command '%s' (expected list, show or stats)", command);
	}
	return run(&o, command, nargs, args);
}
