/* The baseline for scripts/benchmark: parse every file given on the command
 * line with libyaml's event API and do nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static int parse_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    size_t read = fread(buffer, 1, size, file);
    fclose(file);
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, read);
    int done = 0, failed = 0;
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) { failed = 1; break; }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    free(buffer);
    return failed;
}

int main(int argc, char **argv) {
    int failures = 0;
    for (int i = 1; i < argc; i++) failures += parse_file(argv[i]);
    printf("%d files, %d parse errors\n", argc - 1, failures);
    return 0;
}
