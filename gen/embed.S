/* The default spec, compiled into the binary so that sysreggen runs with no
 * data files installed. EMBEDDED_SPEC_PATH is set by the Makefile. */
	.section .rodata
	.global embedded_spec_start
	.global embedded_spec_end
	.balign 16
embedded_spec_start:
	.incbin EMBEDDED_SPEC_PATH
embedded_spec_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
