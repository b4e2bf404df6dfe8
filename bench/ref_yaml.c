/* SPDX-License-Identifier: MIT */
/* ref_yaml: the floor for zhun's YAML loading — read each file and run libyaml's event parser
 * over the same bytes, building nothing, so `zhun X` can be measured as a multiple of it. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

#include "ref_read.h"

static int parse(const char *path)
{
	size_t len;
	char *buf = ref_read(path, &len);
	if (!buf)
		return 1;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		fputs("ref_yaml: cannot initialise libyaml\n", stderr);
		free(buf);
		return 1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	int rc = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s:%zu:%zu: %s\n", path, p.problem_mark.line + 1,
				p.problem_mark.column + 1, p.problem ? p.problem : "syntax error");
			rc = 1;
			break;
		}
		ref_events++;
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	return ref_main(argc, argv, "ref_yaml", parse);
}
