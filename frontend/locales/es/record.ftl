# Las páginas del historial de salud, en español. Cada clave debe estar también en en/record.ftl.
# Palabras sencillas: frases cortas (una prueba lo revisa).

record-viewing = Está viendo el historial de { $name }.
record-none = Su cuenta no tiene un historial de salud para mostrar.
record-switch = De quién es el historial
record-switch-current = Historial de { $name }
record-switch-self = { $name } (usted)

home-hello = Hola, { $name }
home-attention = Lo que necesita su atención
home-caught-up = Está al día. No hay nada nuevo ahora.
home-new-results = { $count ->
    [one] Tiene 1 resultado nuevo
   *[other] Tiene { $count } resultados nuevos
}
home-visit = { $kind } el { $when }
home-visit-with = { $kind } el { $when } con { $who }
home-vaccines-due = { $count ->
    [one] Le toca 1 vacuna
   *[other] Le tocan { $count } vacunas
}
home-quick = Ir a

nav-results = Resultados
nav-health = Resumen de salud
nav-visits = Citas

flag-normal = Normal
flag-high = Alto
flag-low = Bajo
flag-critical-high = Muy alto
flag-critical-low = Muy bajo
flag-abnormal = No es normal

range-between = Rango normal: de { $low } a { $high }
range-below = Rango normal: menos de { $high }
range-above = Rango normal: más de { $low }
range-text = Rango normal: { $range }

results-title = Resultados
results-intro = Sus resultados salen aquí en cuanto están listos. Puede ver algunos antes de que su equipo de salud los revise.
results-search = Nombre de la prueba
results-search-button = Buscar
results-search-clear = Borrar
results-kind = Mostrar
results-kind-all = Todos
results-kind-lab = Pruebas de laboratorio
results-kind-vitals = Signos vitales
results-only-abnormal = Solo los que están fuera del rango normal
results-only-new = Solo los nuevos
results-mark-all-read = Marcar todo como leído
results-all-read = Todos los resultados están marcados como leídos.
results-none = Ningún resultado coincide con lo que eligió.
results-new = Nuevo
results-more = Ver más resultados
results-count = { $count ->
    [one] Se muestra 1 resultado.
   *[other] Se muestran { $count } resultados.
}
results-count-more = { $count ->
    [one] Se muestra el primer resultado. Hay más.
   *[other] Se muestran los primeros { $count } resultados. Hay más.
}
results-panel-normal = { $count ->
    [one] 1 prueba, en el rango normal
   *[other] { $count } pruebas, todas en el rango normal
}
results-panel-outside = { $count } pruebas, { $outside ->
    [one] 1 fuera del rango normal
   *[other] { $outside } fuera del rango normal
}

result-title = Resultado
result-back = Todos los resultados
result-taken = Tomado
result-issued = Listo
result-ordered-by = Lo pidió
result-status = Estado
result-status-preliminary = Aún no es final. Puede cambiar.
result-status-corrected = Cambió después de enviarse
result-status-cancelled = Cancelado
result-your-value = Su resultado
result-no-value = Sin valor
result-history = Resultados anteriores de esta prueba
result-conclusion = Lo que escribió el laboratorio
result-note = Notas

history-tabs = Resultados anteriores de { $name }
history-chart = Gráfica
history-table = Tabla
history-caption = Resultados anteriores de { $name }, del más nuevo al más viejo
history-date = Fecha
history-value = Resultado
history-flag = Comparado con lo normal

chart-title = { $name } con el tiempo
chart-empty = No hay resultados anteriores para mostrar.
chart-description = { $name }: { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
} del { $from } al { $to }. El último fue { $latest } el { $latestDate }. El más bajo fue { $lowest } y el más alto fue { $highest }.
chart-range-between = El rango normal es de { $low } a { $high }.
chart-range-below = Lo normal es menos de { $high }.
chart-range-above = Lo normal es más de { $low }.
chart-key = La banda sombreada es el rango normal. Los cuadrados son resultados fuera de ella. Los círculos son resultados dentro de ella.

health-title = Resumen de salud
summary-title = Resumen para imprimir
summary-print = Imprimir
summary-about = Sus datos
summary-name = Nombre
summary-birth-date = Fecha de nacimiento
summary-mrn = Número de historial
summary-primary-care = Médico principal
summary-printed = Impreso
summary-since = desde { $date }
summary-latest-vaccines = Últimas vacunas
summary-vitals = Últimos signos vitales
summary-all-issues = Todos los problemas de salud
summary-all-allergies = Todas las alergias
summary-all-meds = Todas las medicinas
summary-all-vaccines = Todas las vacunas
summary-more = Más de su historial

meds-title = Medicinas
meds-intro = Estas son las medicinas de su historial. Avise a su equipo de salud si algo está mal.
meds-now = Medicinas que toma ahora
meds-past = Medicinas de antes
meds-none-now = Su historial no tiene medicinas que tome ahora.
med-status = Estado
med-status-completed = Terminada
med-status-stopped = Suspendida
med-status-on-hold = En pausa
med-for = Para
med-prescriber = La recetó
med-started = Desde
med-quantity = Cantidad
med-refills = Resurtidos
med-refills-none = No quedan resurtidos. Pida una receta nueva a su equipo de salud.
med-refills-left = { $count ->
    [one] Queda 1 resurtido
   *[other] Quedan { $count } resurtidos
}
med-refills-left-of = { $count ->
    [one] Queda 1 resurtido
   *[other] Quedan { $count } resurtidos
} de { $allowed }
med-pharmacy = Farmacia

vaccines-title = Vacunas
vaccines-due = Vacunas que le tocan
vaccines-none-due = Tiene al día las vacunas de rutina para su edad.
vaccines-due-ask = Pregunte a su equipo de salud si estas vacunas son buenas para usted.
vaccines-given = Vacunas que ya recibió
vaccines-none-given = Su historial aún no tiene vacunas.
vaccines-given-caption = Vacunas que ya recibió
vaccines-col-vaccine = Vacuna
vaccines-col-date = Fecha
vaccines-col-where = Dónde
vaccine-dose-of = dosis { $dose } de { $count }
vaccine-due-since = le toca desde el { $date }
vaccine-overdue = Atrasada
vaccine-hepatitis-b = Hepatitis B
vaccine-rotavirus = Rotavirus
vaccine-dtap = Difteria, tétanos y tos ferina (DTaP)
vaccine-hib = Hib
vaccine-pneumococcal = Neumonía (neumococo)
vaccine-polio = Polio
vaccine-mmr = Sarampión, paperas y rubéola (MMR)
vaccine-varicella = Varicela
vaccine-hepatitis-a = Hepatitis A
vaccine-flu = Gripe
vaccine-covid-19 = COVID-19
vaccine-tdap = Tétanos, difteria y tos ferina (Tdap)
vaccine-hpv = VPH
vaccine-meningococcal = Meningitis (meningococo)
vaccine-shingles = Culebrilla (herpes zóster)
vaccine-rsv = VSR

allergies-title = Alergias
allergies-intro = Estas son las alergias de su historial. Avise a su equipo de salud si algo está mal.
allergies-none = Su historial no tiene alergias.
allergy-high-risk = Riesgo grave
allergy-kind = Tipo
allergy-food = Comida
allergy-medicine = Medicina
allergy-environment = Algo a su alrededor, como el polen
allergy-biologic = Algo de un ser vivo, como la sangre
allergy-reactions = Lo que pasa
allergy-mild = leve
allergy-moderate = media
allergy-severe = grave
allergy-recorded = Se anotó

issues-title = Problemas de salud
issues-intro = Estos son los problemas de salud de su historial.
issues-now = Problemas de salud actuales
issues-past = Problemas de salud pasados
issues-none-now = Su historial no tiene problemas de salud actuales.
issue-since = Desde
issue-ended = Terminó
issue-status = Estado
issue-remission = Mejor por ahora

visits-title = Citas
visits-tabs = Sus citas
visits-upcoming = { $count ->
    [one] Próximas (1)
   *[other] Próximas ({ $count })
}
visits-past = { $count ->
    [one] Pasadas (1)
   *[other] Pasadas ({ $count })
}
visits-none-upcoming = No tiene citas próximas.
visits-none-past = Su historial no tiene citas pasadas.
visits-more = Ver más citas
visit-title = Cita
visit-title-on = { $kind } el { $date }
visit-back = Todas las citas
visit-when = Cuándo
visit-with = Con
visit-where = Dónde
visit-why = Por qué
visit-status = Estado
visit-cancelled = Cancelada
visit-has-summary = Hay un resumen de la cita para usted.
visit-summary = El resumen de su cita
visit-no-summary = Esta cita no tiene resumen.
visit-note = La nota de su proveedor
visit-results = Resultados de esta cita
visit-documents = Papeles de esta cita

documents-title = Documentos
documents-intro = Cartas, formularios y otros papeles de su historial. Los archivos se guardan en su aparato.
documents-none = Su historial no tiene documentos.
documents-caption = Sus documentos
documents-col-name = Nombre
documents-col-date = Fecha
documents-col-author = De
documents-col-files = Archivos
documents-download = Descargar { $name }

download-title = Descargar mi historial
download-file-title = Guarde su historial en un archivo
download-file-intro = Puede guardar su historial de salud en un solo archivo. Otros médicos y apps de salud lo pueden leer. Usa un formato común llamado FHIR.
download-from = Desde
download-to = Hasta
download-date-hint = No tiene que llenar esto.
download-dates-empty = Deje las fechas vacías para tener todo su historial.
download-file-button = Descargar mi historial
download-error-date = Escriba una fecha real: día, mes y año.
download-error-order = La fecha "Hasta" debe ser igual o después de la fecha "Desde".
download-print-title = Imprimir un resumen
download-print-intro = Un resumen corto de su salud para imprimir o tener en papel.
download-print-link = Ver el resumen para imprimir

guide-button = Sobre esta prueba: { $name }
guide-panel-button = Sobre estas pruebas: { $name }
result-lab-name = El laboratorio la llama: { $name }
