# Words the component kit (frontend/src/components) says by itself; everything else a
# component shows comes from the page. Every key here must also be in es/kit.ftl (a test checks).

# Said after a table is sorted; $name is the column's heading.
kit-sorted-text-ascending = Sorted by { $name }, A to Z.
kit-sorted-text-descending = Sorted by { $name }, Z to A.
kit-sorted-number-ascending = Sorted by { $name }, low to high.
kit-sorted-number-descending = Sorted by { $name }, high to low.
kit-sorted-date-ascending = Sorted by { $name }, oldest first.
kit-sorted-date-descending = Sorted by { $name }, newest first.
# Read with a table's title when its columns can be sorted.
kit-table-sort-hint = Use the buttons at the top of the table to sort it.

# How many suggestions a search box shows, read while typing.
kit-combobox-count = { $count ->
    [one] 1 choice
   *[other] { $count } choices
}
kit-combobox-none = No choices
