-- The roster: a consultant's languages (the caller's language codes, e.g. en, zh-TW) and the
-- problem categories they know, beside their products (consultant_skill): one row per code, as
-- for skills; none means "not stated". Portable SQL (H2 in PostgreSQL mode and PostgreSQL).
CREATE TABLE consultant_language (
    login    VARCHAR(64) NOT NULL REFERENCES consultant (login),
    language VARCHAR(16) NOT NULL,
    PRIMARY KEY (login, language)
);

CREATE TABLE consultant_category (
    login    VARCHAR(64) NOT NULL REFERENCES consultant (login),
    category VARCHAR(64) NOT NULL,
    PRIMARY KEY (login, category)
);
