# The health record's pages, in English. Every key here must also be in es/record.ftl.
# Plain words: short sentences, grade 8 or lower (a test checks).

# Whose record the pages show.
record-viewing = You are looking at the record of { $name }.
record-none = Your account has no health record to show.
record-switch = Whose record
record-switch-current = Record of { $name }
record-switch-self = { $name } (you)

home-hello = Hello, { $name }
home-attention = What needs your attention
home-caught-up = You are all caught up. There is nothing new right now.
home-new-results = { $count ->
    [one] You have 1 new test result
   *[other] You have { $count } new test results
}
home-visit = { $kind } on { $when }
home-visit-with = { $kind } on { $when } with { $who }
home-vaccines-due = { $count ->
    [one] 1 vaccine is due
   *[other] { $count } vaccines are due
}
home-quick = Go to

nav-results = Test results
nav-health = Health summary
nav-visits = Visits

# Flags on a result, said in words as well as shown by colour.
flag-normal = Normal
flag-high = High
flag-low = Low
flag-critical-high = Very high
flag-critical-low = Very low
flag-abnormal = Not normal

range-between = Normal range: { $low } to { $high }
range-below = Normal range: below { $high }
range-above = Normal range: above { $low }
range-text = Normal range: { $range }

results-title = Test results
results-intro = Your results show here as soon as they are ready. Some results may come before your care team has looked at them.
results-search = Test name
results-search-button = Search
results-search-clear = Clear
results-kind = Show
results-kind-all = All results
results-kind-lab = Lab tests
results-kind-vitals = Vital signs
results-only-abnormal = Only results outside the normal range
results-only-new = Only new results
results-mark-all-read = Mark all as read
results-all-read = All results are marked as read.
results-none = No results match what you chose.
results-new = New
results-more = Show more results
results-count = { $count ->
    [one] Showing 1 result.
   *[other] Showing { $count } results.
}
results-count-more = { $count ->
    [one] Showing the first result. There are more.
   *[other] Showing the first { $count } results. There are more.
}
results-panel-normal = { $count ->
    [one] 1 test, in the normal range
   *[other] { $count } tests, all in the normal range
}
results-panel-outside = { $count } tests, { $outside ->
    [one] 1 outside the normal range
   *[other] { $outside } outside the normal range
}

result-title = Test result
result-back = All test results
result-taken = Taken
result-issued = Ready
result-ordered-by = Ordered by
result-status = Status
result-status-preliminary = Not final yet. It may change.
result-status-corrected = Changed after it was first sent
result-status-cancelled = Cancelled
result-your-value = Your result
result-no-value = No value
result-history = Past results for this test
result-conclusion = What the lab wrote
result-note = Notes

history-tabs = Past results for { $name }
history-chart = Chart
history-table = Table
history-caption = Past results for { $name }, newest first
history-date = Date
history-value = Result
history-flag = Compared with normal

chart-title = { $name } over time
chart-empty = There are no past results to show.
chart-description = { $name }: { $count ->
    [one] 1 result
   *[other] { $count } results
} from { $from } to { $to }. The latest was { $latest } on { $latestDate }. The lowest was { $lowest } and the highest was { $highest }.
chart-range-between = The normal range is { $low } to { $high }.
chart-range-below = Normal is below { $high }.
chart-range-above = Normal is above { $low }.
chart-key = The shaded band is the normal range. Squares are results outside it. Circles are results inside it.

health-title = Health summary
summary-title = Printable summary
summary-print = Print
summary-about = About you
summary-name = Name
summary-birth-date = Date of birth
summary-mrn = Record number
summary-primary-care = Main doctor
summary-printed = Printed
summary-since = since { $date }
summary-latest-vaccines = Latest vaccines
summary-vitals = Latest vital signs
summary-all-issues = All health issues
summary-all-allergies = All allergies
summary-all-meds = All medicines
summary-all-vaccines = All vaccines
summary-more = More of your record

meds-title = Medicines
meds-intro = These are the medicines in your record. Tell your care team if something here is wrong.
meds-now = Medicines you take now
meds-past = Past medicines
meds-none-now = There are no medicines in your record that you take now.
med-status = Status
med-status-completed = Finished
med-status-stopped = Stopped
med-status-on-hold = On hold
med-for = For
med-prescriber = Prescribed by
med-started = Started
med-quantity = Amount
med-refills = Refills
med-refills-none = No refills left. Ask your care team for a new prescription.
med-refills-left = { $count ->
    [one] 1 refill left
   *[other] { $count } refills left
}
med-refills-left-of = { $count ->
    [one] 1 refill left
   *[other] { $count } refills left
} of { $allowed }
med-pharmacy = Pharmacy

vaccines-title = Vaccines
vaccines-due = Vaccines due now
vaccines-none-due = You are up to date on the usual vaccines for your age.
vaccines-due-ask = Ask your care team if these vaccines are right for you.
vaccines-given = Vaccines you have had
vaccines-none-given = There are no vaccines in your record yet.
vaccines-given-caption = Vaccines you have had
vaccines-col-vaccine = Vaccine
vaccines-col-date = Date
vaccines-col-where = Where
vaccine-dose-of = dose { $dose } of { $count }
vaccine-due-since = due since { $date }
vaccine-overdue = Overdue
vaccine-hepatitis-b = Hepatitis B
vaccine-rotavirus = Rotavirus
vaccine-dtap = Diphtheria, tetanus and whooping cough (DTaP)
vaccine-hib = Hib
vaccine-pneumococcal = Pneumonia (pneumococcal)
vaccine-polio = Polio
vaccine-mmr = Measles, mumps and rubella (MMR)
vaccine-varicella = Chickenpox (varicella)
vaccine-hepatitis-a = Hepatitis A
vaccine-flu = Flu
vaccine-covid-19 = COVID-19
vaccine-tdap = Tetanus, diphtheria and whooping cough (Tdap)
vaccine-hpv = HPV
vaccine-meningococcal = Meningitis (meningococcal)
vaccine-shingles = Shingles
vaccine-rsv = RSV

allergies-title = Allergies
allergies-intro = These are the allergies in your record. Tell your care team if something here is wrong.
allergies-none = There are no allergies in your record.
allergy-high-risk = Serious risk
allergy-kind = Kind
allergy-food = Food
allergy-medicine = Medicine
allergy-environment = Something around you, like pollen
allergy-biologic = Something from a living thing, like blood
allergy-reactions = What happens
allergy-mild = mild
allergy-moderate = medium
allergy-severe = severe
allergy-recorded = Added to your record

issues-title = Health issues
issues-intro = These are the health problems in your record.
issues-now = Current health issues
issues-past = Past health issues
issues-none-now = There are no current health issues in your record.
issue-since = Since
issue-ended = Ended
issue-status = Status
issue-remission = Better for now

visits-title = Visits
visits-tabs = Your visits
visits-upcoming = { $count ->
    [one] Upcoming (1)
   *[other] Upcoming ({ $count })
}
visits-past = { $count ->
    [one] Past (1)
   *[other] Past ({ $count })
}
visits-none-upcoming = You have no upcoming visits.
visits-none-past = You have no past visits in your record.
visits-more = Show more visits
visit-title = Visit
visit-title-on = { $kind } on { $date }
visit-back = All visits
visit-when = When
visit-with = With
visit-where = Where
visit-why = Why
visit-status = Status
visit-cancelled = Cancelled
visit-has-summary = There is a visit summary for you.
visit-summary = Your visit summary
visit-no-summary = There is no visit summary for this visit.
visit-note = Your provider's note
visit-results = Test results from this visit
visit-documents = Papers from this visit

documents-title = Documents
documents-intro = Letters, forms and other papers in your record. The files download to your device.
documents-none = There are no documents in your record.
documents-caption = Your documents
documents-col-name = Name
documents-col-date = Date
documents-col-author = From
documents-col-files = Files
documents-download = Download { $name }

download-title = Download my record
download-file-title = Get your record as a file
download-file-intro = You can save your health record as one file. Other doctors and health apps can read it. It uses a common format called FHIR.
download-from = From
download-to = To
download-date-hint = You do not have to fill this in.
download-dates-empty = Leave the dates empty to get your whole record.
download-file-button = Download my record
download-error-date = Enter a real date: month, day and year.
download-error-order = The "To" date must be on or after the "From" date.
download-print-title = Print a summary
download-print-intro = A short summary of your health to print or keep on paper.
download-print-link = See the summary to print

guide-button = About this test: { $name }
guide-panel-button = About these tests: { $name }
result-lab-name = The lab calls it: { $name }
