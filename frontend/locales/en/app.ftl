# Patient-facing words in English. Every key here must also be in es.ftl (a test checks).
# Keep the words plain: short sentences, everyday words (grade 8 or lower; a test checks).

app-name = Patient portal
# The browser tab: the page's name, then the portal's.
document-title = { $page } · { app-name }

skip-to-main = Skip to main content
nav-main = Main
nav-menu = Menu
nav-home = Home
nav-footer = About this portal
footer-accessibility = Accessibility
footer-privacy = Privacy
footer-note = Your health information is private. Sign out when you are done on a shared device.

# The button that switches the language, written in the language it switches to.
language-switch = Español
language-switch-code = es

offline-banner = You are offline. We will show your information again when you are back online.
loading = Loading…
error-offline = We could not reach the portal. Check your internet connection and try again.
error-generic = Something went wrong on our side. Please try again in a few minutes.
error-reference = If you call us, give this number: { $id }
action-retry = Try again

home-title = Welcome
home-intro = This is your safe place to see your health record, test results and visits, and to talk with your care team.
home-clinic = Your portal is run by { $clinic }.
home-help-phone = Need help? Call { $phone }.
home-help-email = You can also write to { $email }.

accessibility-title = Accessibility
accessibility-goal = We want everyone to be able to use this portal.
accessibility-keyboard = You can use every page with a keyboard alone. Press Tab to move forward and Shift and Tab to move back.
accessibility-readers = The portal works with screen readers, large text and high contrast.
accessibility-language = You can read the portal in English or Spanish. Use the language button at the top of each page.
accessibility-contact = If something is hard to use, please tell us. We will help you and fix it.

privacy-title = Privacy
privacy-intro = Your health information belongs to you. We keep it safe.
privacy-who = Only you, the people you choose, and your care team can see your record.
privacy-log = We keep a record of each time someone looks at your health information.
privacy-device = We do not save your health information on this device.

not-found-title = Page not found
not-found-body = We could not find this page. The link may be old or mistyped.
not-found-home = Go to the home page

# Signing in and the account. Buttons and links say what they do.
nav-sign-in = Sign in
nav-account-security = Account security
header-signed-in-as = Signed in as { $name }
action-sign-out = Sign out
action-cancel = Cancel
action-confirm = Confirm
action-continue = Continue
back-to-sign-in = Back to sign in

error-not-available = This is not available yet. Please call the clinic for help.
error-too-many = Too many tries. Please wait { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} and try again.
form-error-title = There is a problem
error-email-missing = Enter your email address, like name@example.com.
error-password-missing = Enter your password.
error-code-missing = Enter the code.
error-code-six-digits = Enter the 6 numbers from your app.
error-recovery-code-missing = Enter one of your recovery codes.
error-activation-code-missing = Enter the code from the clinic.
error-birth-date-missing = Enter your date of birth.

field-email = Email
field-password = Password
field-new-password = New password
field-code = Code
field-recovery-code = Recovery code
field-activation-code = Code from the clinic
field-birth-date = Date of birth

password-show = Show password
password-hide = Hide password
password-strength-ok = This password is strong enough.
password-too-short = Use at least { $count } characters.
password-too-long = Use no more than { $count } characters.
password-too-easy = This password is too easy to guess. Try a few words that do not go together.

sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-wrong = The email or password is not right. Check them and try again.
sign-in-forgot = Forgot your password?
sign-in-create = Create your account
sso-button = Sign in with your work account
signed-out = You are signed out.
signed-out-timed-out = We signed you out because you were away for a while. This keeps your information safe. Please sign in again.
signed-out-ended = You are signed out. Please sign in again.
sso-error-unavailable = We could not reach your work sign-in. Try again later, or use your password.
sso-error-cancelled = Signing in with your work account was stopped.
sso-error-expired = That sign-in took too long. Please try again.
sso-error-failed = Something went wrong. Please try again.
sso-error-no-account = We could not find an account for you. Please call the clinic.
sso-error-not-allowed = This account cannot sign in that way. Use your email and password.

second-step-title = Enter your code
code-hint = Open your authenticator app. Type the 6 numbers it shows for this portal.
recovery-code-hint = Type one of the recovery codes you saved. Each code works one time.
second-step-submit = Continue
second-step-use-recovery = Use a recovery code instead
second-step-use-app = Use the code from your app instead
second-step-passkey = Use a passkey instead
passkey-not-used = The passkey was not used. Try again, or type a code.
second-step-start-over = Start over
code-wrong = That code is not right. Check it and try again.
code-start-over = Please start again from the sign-in page.

setup-title = Set up two-step sign-in
setup-intro = Two-step sign-in keeps your account safe. You need your password and a code from an app on your phone.
setup-scan-title = Add the portal to your app
setup-scan-body = Open an authenticator app on your phone. Add a new account and scan this picture.
setup-qr-alt = QR code for your authenticator app. If you cannot scan it, type the key shown below.
setup-key-label = Can't scan it? Type this key into your app:
setup-confirm-title = Type the code from your app
setup-confirm = Turn on two-step sign-in
setup-sign-in-first = Please sign in first.

recovery-title = Save your recovery codes
recovery-intro = If you lose your phone, you can sign in with one of these codes. Each code works one time. Keep them somewhere safe.
recovery-list = Recovery codes
recovery-copy = Copy codes
recovery-download = Download as a file
recovery-print = Print
recovery-copied = The codes are copied.
recovery-copy-failed = We could not copy the codes. Write them down instead.
recovery-downloaded = The file is saved to your downloads.
recovery-file-heading = Recovery codes for your patient portal. Each code works one time.
recovery-saved = I saved these codes
recovery-saved-missing = Check the box to say you saved the codes.

reauth-title = Confirm it is you
reauth-intro = To keep your account safe, enter your password again.
reauth-code-hint = The code from your app, or a recovery code.
reauth-wrong = That did not match. Check your password and code.

account-title = Account security
account-email-title = Email
account-email-verified = Your email is confirmed.
account-email-not-verified = Your email is not confirmed yet. Look for our email and open the link.
two-step-title = Two-step sign-in
two-step-on = Two-step sign-in is on.
two-step-off = Two-step sign-in is off.
two-step-turn-on = Turn on two-step sign-in
two-step-new-app = Move to a new phone
two-step-turn-off = Turn off two-step sign-in
two-step-turn-off-hint = To turn it off, your password must have at least 15 characters.
two-step-turned-off = Two-step sign-in is now off.
recovery-left = { $count ->
    [one] You have 1 recovery code left.
   *[other] You have { $count } recovery codes left.
}
recovery-new = Get new recovery codes
password-title = Change your password
password-rules = Use at least { $count } characters. A few words that do not go together work well.
password-submit = Change password
password-changed = Your password is changed. We signed you out on your other devices.
sessions-title = Where you are signed in
session-this-device = This device
session-last-active = Last used { $when }
session-signed-in = Signed in { $when }
session-sign-out = Sign out
session-ended = That device is signed out.
device-browser-on-system = { $browser } on { $system }
device-unknown = Unknown device
everywhere-button = Sign out everywhere
everywhere-title = Sign out everywhere?
everywhere-body = You will be signed out on all your devices, this one too.
everywhere-confirm = Yes, sign out everywhere
passkeys-title = Passkeys
passkeys-none = You have no passkeys yet.
passkey-added = Added { $when }
passkey-remove = Remove
passkey-added-now = The passkey is added.
passkey-add = Add a passkey on this device
field-passkey-name = Name for the passkey
passkey-name-hint = For example, My phone.
error-passkey-name-missing = Give the passkey a name.
passkey-removed = The passkey is removed.

idle-title = Are you still there?
idle-body = You will be signed out soon because you have not done anything for a while. This keeps your information safe.
idle-left = Time left: { $time }
idle-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
idle-seconds = { $count ->
    [one] 1 second
   *[other] { $count } seconds
}
idle-stay = Stay signed in

enrol-title = Create your account
enrol-intro = You need the code the clinic gave you.
enrol-code-hint = It looks like ABCD-EFGH-JKLM.
enrol-submit = Create account
enrol-wrong = We could not match these details. Check the code and your date of birth.
enrol-have-account = I already have an account

forgot-title = Forgot your password?
forgot-intro = Enter your email. We will send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent = If we have an account with this email, we sent a link to it. Check your email.
reset-title = Choose a new password
reset-submit = Save new password
reset-done = Your password is changed. You can sign in now.
reset-link-bad = This link does not work. It may be old or used already.
reset-ask-again = Ask for a new link
verify-title = Confirm your email
verify-done = Thank you. { $email } is confirmed.
verify-bad = This link does not work. It may be old or used already.

# Who can see the record (proxies) and who viewed it.
own-record-only = This page is for your own health record. Your account does not have one.
record-access-title = Who can see your record
proxies-title = People who can see my record
proxies-intro = You can let someone you trust see your record or help you with it. For example, a family member or a caregiver. You can take it back at any time.
proxies-list-title = People with access
proxies-none = No one else can see your record.
proxy-guardian = Parent or guardian
proxy-guardian-about = The clinic added this person. What they can see depends on your age. To change this, call the clinic.
proxy-can = They can:
proxy-scope-records = See your health record
proxy-scope-appointments = Make and change your visits
proxy-scope-messages = Send and read messages with your care team
proxy-scope-billing = See and pay your bills
proxy-private-yes = They can also see your private health items.
proxy-private-no = They cannot see your private health items.
proxy-since = Added { $when }
proxy-remove = Take away access
proxy-remove-title = Take away access for { $name }?
proxy-remove-body = They will no longer be able to see your record or act for you. You can give access again later.
proxy-remove-confirm = Yes, take away access
proxy-removed = { $name } can no longer see your record.
proxy-add-title = Give someone access
proxy-add-intro = The person needs their own account on this portal. Ask them which email they use for it.
proxy-field-email = Their email
proxy-email-hint = The email they use to sign in to this portal.
proxy-field-relationship = Who they are to you (you do not have to fill this in)
proxy-relationship-hint = For example, daughter or caregiver.
proxy-scopes-legend = What can they do for you?
proxy-private-legend = Private health items
proxy-private-hint = Some parts of your record are extra private: mental health, sexual health, pregnancy and birth control, and drug or alcohol use. They will not see these unless you check the box.
proxy-private-allow = Let them see my private health items too
proxy-add-submit = Give access
proxy-added = { $name } can now see your record.
proxy-error-email = Enter their email, like name@example.com.
proxy-error-relationship = Use no more than { $count } characters.
proxy-error-scopes = Choose at least one thing they can do for you.
proxy-error-no-account = We could not add anyone with this email. They need their own portal account first.
proxy-error-self = This is your own email. Enter the email of the person you want to add.
access-log-title = Who viewed my record
access-log-intro = Each time someone other than you opens your health record, we write it down. Here you can see who it was, when, and what they looked at. The newest is first.
access-log-none = No one else has opened your record yet.
access-log-caption = Times someone opened your record
access-log-who = Who
access-log-role = Their job
access-log-when = When
access-log-what = What they looked at
access-log-emergency = Emergency access
access-log-more = Show more
viewer-role-clinician = Doctor or other provider
viewer-role-nurse = Nurse
viewer-role-front-desk = Front desk
viewer-role-billing = Billing office
viewer-role-admin = Portal staff
viewer-role-security = Privacy and safety staff
viewer-role-proxy = Someone who can see your record
viewer-role-other = Clinic staff
viewer-what-summary = Your health summary
viewer-what-results = Test results
viewer-what-problems = Health problems
viewer-what-allergies = Allergies
viewer-what-medicines = Medicines
viewer-what-vaccines = Shots (vaccines)
viewer-what-visits = Visits
viewer-what-documents = Documents
viewer-what-care-plans = Care plans and goals
viewer-what-insurance = Insurance
viewer-what-other = Other parts of your record
