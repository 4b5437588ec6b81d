/* The default spec, compiled into the binary so that sysreggen runs with no
 * data files installed. EMBEDDED_SPEC_PATH is set by the Makefile. The size
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
	.section .note.GNU-stack,"",@progbits
