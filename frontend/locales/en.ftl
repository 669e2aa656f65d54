# Patient-facing words in English. Every key here must also be in es.ftl (a test checks).
# Keep the words plain: short sentences, everyday words (grade 8 or lower; a test checks).

app-name = Patient portal
# The browser tab: the page's name, then the portal's.
document-title = { $page } · { app-name }

skip-to-main = Skip to main content
nav-main = Main
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
