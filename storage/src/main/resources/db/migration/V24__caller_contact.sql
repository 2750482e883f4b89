-- Issue 4 / MISSION story 7: where the screenshot link goes.
-- caller_contact: the caller's e-mail address, by callback number (E.164). Set by the app's
-- `contact` command or POST /screenshot-contacts; who/when/why on the row.
CREATE TABLE caller_contact (
    callback_number VARCHAR(32)  PRIMARY KEY,
    email           VARCHAR(254) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(160) NOT NULL,
    why             VARCHAR(1000) NOT NULL
);

-- Where the link went (phone number or address) and why it went another way than the caller
-- chose (e.g. e-mail chosen, no address on file, sent by SMS).
ALTER TABLE screenshot_request ADD COLUMN sent_to VARCHAR(254);
ALTER TABLE screenshot_request ADD COLUMN note VARCHAR(1000);
