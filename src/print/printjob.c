/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Sending a finished PDF to the configured printer command (print.h). The
 * command is split into words here and run with fork/execvp, the PDF path
 * appended as the last argument: no shell sees the path or any user data.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "motcua/i18n.h"
#include "motcua/print.h"

#define MAX_ARGS 64

/* Split `cmd` into words in buf (quotes group, backslash escapes). */
static int split_words(const char *cmd, char *buf, char **argv, int max)
{
	int n = 0;
	const char *s = cmd;
	char *o = buf;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (n == max - 1)
			return -1;
		argv[n++] = o;
		char q = 0;
		while (*s && (q || (*s != ' ' && *s != '\t'))) {
			if (q && *s == q) {
				q = 0;
				s++;
			} else if (!q && (*s == '\'' || *s == '"')) {
				q = *s++;
			} else if (*s == '\\' && s[1] && q != '\'') {
				*o++ = s[1];
				s += 2;
			} else {
				*o++ = *s++;
			}
		}
		if (q)
			return -2;
		*o++ = '\0';
	}
	argv[n] = NULL;
	return n;
}

mc_status mc_print_send(const char *command, const char *pdf_path, mc_err *e)
{
	if (!command || !*command)
		return mc_err_set(e, MC_ERR_CONFIG, "%s", _("No printer command is configured ([print] command)."));
	char *buf = malloc(strlen(command) + 1);
	if (!buf)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	char *argv[MAX_ARGS + 1];
	int n = split_words(command, buf, argv, MAX_ARGS);
	if (n <= 0) {
		free(buf);
		return mc_err_set(e, MC_ERR_CONFIG, _("The printer command \"%s\" cannot be split into words."), command);
	}
	argv[n] = (char *)pdf_path;
	argv[n + 1] = NULL;
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		free(buf);
		return mc_err_set(e, MC_ERR_IO, _("Cannot run the printer command \"%s\": %s."), command, strerror(err));
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) { /* the TUI owns the terminal: keep the child off it */
			dup2(devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
			close(devnull);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	mc_status st = MC_OK;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		st = mc_err_set(e, MC_ERR_IO, _("Cannot run the printer command \"%s\": program not found."), argv[0]);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		st = mc_err_set(e, MC_ERR_IO, _("The printer command \"%s\" failed for %s (status %d)."),
		                command, pdf_path, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	free(buf);
	return st;
}
