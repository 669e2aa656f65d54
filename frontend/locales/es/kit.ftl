# Palabras que dicen los componentes por sí mismos (frontend/src/components); lo demás lo da
# la página. Cada clave de aquí debe estar también en en/kit.ftl (una prueba lo revisa).

# Se dice al ordenar una tabla; $name es el título de la columna.
kit-sorted-text-ascending = Ordenado por { $name }, de la A a la Z.
kit-sorted-text-descending = Ordenado por { $name }, de la Z a la A.
kit-sorted-number-ascending = Ordenado por { $name }, de menor a mayor.
kit-sorted-number-descending = Ordenado por { $name }, de mayor a menor.
kit-sorted-date-ascending = Ordenado por { $name }, primero lo más antiguo.
kit-sorted-date-descending = Ordenado por { $name }, primero lo más nuevo.
# Se lee con el título de una tabla cuyas columnas se pueden ordenar.
kit-table-sort-hint = Use los botones de arriba de la tabla para ordenarla.

# Cuántas sugerencias muestra un cuadro de búsqueda; se lee al escribir.
kit-combobox-count = { $count ->
    [one] 1 opción
   *[other] { $count } opciones
}
kit-combobox-none = No hay opciones
