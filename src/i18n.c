/* SPDX-License-Identifier: MIT */
/* i18n: gettext set-up and the language switch (--lang, zhun.yaml, locale). */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "paths.h"

static int lang_choice; /* 0 from the locale, 1 zh, 2 en */
/* i18n_is_zh's answer from the environment, -1 until asked. Passes ask per row and getenv walks
 * the whole environment, four times; only i18n_init and i18n_set_lang change these variables. */
static int env_zh = -1;

/* Make gettext answer in Chinese whatever locales the machine has. */
static void use_zh(void)
{
#ifdef ENABLE_NLS
	setenv("LANGUAGE", "zh_CN", 1);
	/* gettext ignores LANGUAGE in the C locale; any non-C locale will do, and glibc (2.35 and
	 * later, and Debian's before) always has C.UTF-8 */
	if (!setlocale(LC_MESSAGES, "zh_CN.UTF-8") && !setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "en_US.UTF-8");
	textdomain("zhun");
#endif
}

/* The language the environment asks for, as gettext reads it: the first of these set. */
static const char *env_lang(void)
{
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

void i18n_init(void)
{
	env_zh = -1;
	setlocale(LC_ALL, "");
	/* numbers and sorting stay locale-independent: output is byte-identical in every locale */
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_COLLATE, "C");
#ifdef ENABLE_NLS
	bindtextdomain("zhun", paths_localedir());
	bind_textdomain_codeset("zhun", "UTF-8");
	textdomain("zhun");
	/* LANG=zh_CN.UTF-8 on a machine without that locale leaves LC_MESSAGES at "C", where
	 * gettext translates nothing: honour the request as --lang zh would, without making it an
	 * explicit choice (zhun.yaml may still decide). */
	const char *want = env_lang();
	const char *have = setlocale(LC_MESSAGES, NULL);
	if (want && !strncmp(want, "zh", 2) && have &&
	    (!strcmp(have, "C") || !strcmp(have, "POSIX")))
		use_zh();
#endif
}

bool i18n_set_lang(const char *lang)
{
	env_zh = -1;
	if (!strcmp(lang, "zh") || !strcmp(lang, "zh_CN")) {
		lang_choice = 1;
		use_zh();
		return true;
	}
	if (!strcmp(lang, "en")) {
		lang_choice = 2;
#ifdef ENABLE_NLS
		setenv("LANGUAGE", "en", 1);
		setlocale(LC_MESSAGES, "C");
		textdomain("zhun");
#endif
		return true;
	}
	return false;
}

bool i18n_is_zh(void)
{
	if (lang_choice)
		return lang_choice == 1;
	if (env_zh < 0) {
		const char *v = env_lang();
		/* Chinese-first: headings and words are Chinese unless English is asked for */
		env_zh = !v || strncmp(v, "en", 2) != 0;
	}
	return env_zh;
}

bool i18n_messages_zh(void)
{
#ifdef ENABLE_NLS
	/* the catalogue's header is the translation of "" */
	const char *h = gettext("");
	return h && strstr(h, "Language: zh") != NULL;
#else
	return false;
#endif
}
