-- 0036_token_account.sql — an API token is issued for an account of a business role (issue 13,
-- item 7): the system administrator issues it, the role and scope are the account's, which only
-- the security administrator gives — neither of them alone makes a business credential. The
-- token works only while its account holds the role and scope it was issued with and is not
-- disabled. A token made before (no account) keeps the role and scope it was given.
ALTER TABLE api_token ADD COLUMN account_id INTEGER REFERENCES account(id);
