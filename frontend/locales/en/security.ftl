# The security officer's screens: the audit trail and emergency access. Staff read these, but
# the words stay plain. Every key here must also be in es/security.ftl (a test checks).

# The guard on pages for one role.
not-allowed-title = Not available
not-allowed-body = This page is not part of your work in the portal. Your account cannot open it.

nav-audit = Audit trail
nav-emergency-access = Emergency access

# The security officer's home page.
home-security-work = Your work
home-security-waiting = { $count ->
    [0] No use of emergency access needs review.
    [one] One use of emergency access needs review.
   *[other] { $count } uses of emergency access need review.
}
home-security-emergency = Review emergency access
home-security-audit = Search the audit trail

# The audit trail.
audit-title = Audit trail
audit-intro = Every time someone reads or changes health data, or is turned away, the portal writes it down here. Rows are oldest first.
audit-search-title = Search
audit-field-patient = Patient: name or ID
audit-field-account = Person who acted: name, email or account ID
audit-field-action = Action
audit-action-hint = For example: read, search, export, sign_in, break_glass.
audit-field-outcome = Outcome
audit-outcome-any = Any outcome
audit-outcome-success = Allowed
audit-outcome-denied = Turned away
audit-outcome-failure = Failed
audit-field-from = From
audit-field-to = To
audit-date-hint = Leave empty for no limit.
audit-search = Search
audit-results-title = Rows found
audit-searching = Searching…
audit-count = { $count ->
    [0] No rows found.
    [one] Showing 1 row. That is all of them.
   *[other] Showing { $count } rows. That is all of them.
}
audit-count-more = { $count ->
    [one] Showing 1 row. There are more.
   *[other] Showing { $count } rows. There are more.
}
audit-none = No rows match this search. Try fewer filters or other dates.
audit-caption = Audit rows, oldest first
audit-col-when = Time
audit-col-who = Who (account and role)
audit-col-on-behalf = On behalf of
audit-col-patient = Patient
audit-col-action = Action
audit-col-resource = Item (type and ID)
audit-col-outcome = Outcome
audit-col-address = Address
audit-col-request = Request ID
audit-more = Show more rows
audit-export = Download these rows (CSV)
audit-role-patient = Patient
audit-role-proxy = Proxy
audit-role-clinician = Doctor or other provider
audit-role-nurse = Nurse
audit-role-front-desk = Front desk
audit-role-billing = Billing
audit-role-admin = Admin
audit-role-security = Security officer

# The chain check.
audit-verify-title = Check the trail
audit-verify-intro = Each row is linked to the one before it. The check reads every row and says if any row was changed or taken out.
audit-verify = Check the audit trail
audit-verify-checking = Checking…
audit-verify-intact = { $count ->
    [one] The audit trail is intact: 1 row checked.
   *[other] The audit trail is intact: { $rows } rows checked.
}
audit-verify-broken = The audit trail is not intact. { $fault }

# Emergency ("break-the-glass") access.
emergency-title = Emergency access
emergency-intro = In an emergency, a doctor or nurse can open the record of a patient they do not care for. They must say why. Check each use and write down what you found.
emergency-waiting-title = Waiting for review
emergency-waiting-caption = Emergency access waiting for review, newest first
emergency-waiting-none = Nothing is waiting for review.
emergency-reviewed-title = Reviewed
emergency-reviewed-caption = Emergency access already reviewed, newest first
emergency-reviewed-none = Nothing has been reviewed yet.
emergency-col-who = Doctor or nurse
emergency-col-patient = Patient ID
emergency-col-reason = Reason they gave
emergency-col-started = Started
emergency-col-ends = Ends
emergency-col-action = Action
emergency-col-reviewed = Reviewed
emergency-col-finding = What was found
emergency-review = Review
emergency-review-title = Review emergency access by { $name }
emergency-review-about = Patient { $id }, opened { $when }. The reason they gave:
emergency-field-note = What you found
emergency-note-hint = For example: who you asked, and whether the reason was true.
emergency-error-note = Write what you found, in { $count } characters or fewer.
emergency-review-submit = Mark as reviewed
emergency-reviewed-done = Done: the emergency access by { $name } is marked as reviewed.
emergency-reviewed-already = Someone else reviewed this first. The lists are up to date now.
