/* SPDX-License-Identifier: MIT */
/* i18n: message translation through gettext (`_()` marks and translates, `N_()` only marks),
 * and the choice of language (locale, --lang, zhun.yaml). */
#ifndef ZHUN_I18N_H
#define ZHUN_I18N_H

#include <stdbool.h>

#include "config.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s)		       (s)
#define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(s) (s)

/* Set up gettext (text domain "zhun", locale directory from the install prefix or the build
 * tree). Call once at start-up. */
void i18n_init(void);
/* Force a language: "zh" (zh_CN) or "en"; returns false for an unknown one. */
bool i18n_set_lang(const char *lang);
/* True when messages are currently Chinese (for tables that pick words, not messages). Cheap
 * enough to ask per row: the environment is read on the first call after i18n_init or
 * i18n_set_lang, which are the only ones to change it. */
bool i18n_is_zh(void);
/* True when gettext translates messages into Chinese now. Not the same as i18n_is_zh: in the C
 * locale words are Chinese-first but messages English; a word set inside a message (a status
 * inside "status: %s → %s") follows this one, so that the sentence is in one language. */
bool i18n_messages_zh(void);

#endif
