// SPDX-License-Identifier: GPL-2.0-or-later OR BSD-2-Clause
/* The default spec, compiled into the binary so that sysreggen runs with no
 * data files installed. EMBEDDED_SPEC_PATH and EMBEDDED_FEATURES_PATH are
 * set by the Makefile. The size
 * is computed here, so C never subtracts pointers to different objects. */
	.section .rodata
	.global embedded_spec_data
	.global embedded_spec_size
	.balign 16
embedded_spec_data:
	.incbin EMBEDDED_SPEC_PATH
embedded_spec_end:
	.balign 8
embedded_spec_size:
	.quad embedded_spec_end - embedded_spec_data

/* Arm's Features.json (BSD-3-Clause, notice inside), for feature sets when
 * the spec itself has none (the XML releases). */
	.section .rodata
	.global embedded_features_data
	.global embedded_features_size
	.balign 16
embedded_features_data:
	.incbin EMBEDDED_FEATURES_PATH
embedded_features_end:
	.balign 8
embedded_features_size:
	.quad embedded_features_end - embedded_features_data
	.section .note.GNU-stack,"",@progbits
