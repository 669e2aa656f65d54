# Las pantallas del encargado de seguridad: el registro de auditoría y el acceso de emergencia.
# Cada clave debe estar también en en/security.ftl (una prueba lo comprueba).

# La protección de las páginas de un solo rol.
not-allowed-title = No disponible
not-allowed-body = Esta página no es parte de su trabajo en el portal. Su cuenta no puede abrirla.

nav-audit = Registro de auditoría
nav-emergency-access = Acceso de emergencia

# La página de inicio del encargado de seguridad.
home-security-work = Su trabajo
home-security-waiting = { $count ->
    [0] No hay acceso de emergencia por revisar.
    [one] Hay un acceso de emergencia por revisar.
   *[other] Hay { $count } accesos de emergencia por revisar.
}
home-security-emergency = Revisar el acceso de emergencia
home-security-audit = Buscar en el registro de auditoría

# El registro de auditoría.
audit-title = Registro de auditoría
audit-intro = Cada vez que alguien lee o cambia datos de salud, o se le niega el paso, el portal lo anota aquí. Las filas van de la más vieja a la más nueva.
audit-search-title = Buscar
audit-field-patient = Paciente: nombre o ID
audit-field-account = Quién actuó: nombre, correo o ID de la cuenta
audit-field-action = Acción
audit-action-hint = Por ejemplo: read, search, export, sign_in, break_glass.
audit-field-outcome = Resultado
audit-outcome-any = Cualquier resultado
audit-outcome-success = Permitido
audit-outcome-denied = Negado
audit-outcome-failure = Falló
audit-field-from = Desde
audit-field-to = Hasta
audit-date-hint = Déjelo vacío para no poner límite.
audit-search = Buscar
audit-results-title = Filas encontradas
audit-searching = Buscando…
audit-count = { $count ->
    [0] No se encontraron filas.
    [one] Se ve 1 fila. No hay más.
   *[other] Se ven { $count } filas. No hay más.
}
audit-count-more = { $count ->
    [one] Se ve 1 fila. Hay más.
   *[other] Se ven { $count } filas. Hay más.
}
audit-none = Ninguna fila coincide con esta búsqueda. Pruebe con menos filtros o con otras fechas.
audit-caption = Filas del registro, de la más vieja a la más nueva
audit-col-when = Hora
audit-col-who = Quién (cuenta y rol)
audit-col-on-behalf = En nombre de
audit-col-patient = Paciente
audit-col-action = Acción
audit-col-resource = Dato (tipo e ID)
audit-col-outcome = Resultado
audit-col-address = Dirección
audit-col-request = ID de la solicitud
audit-more = Ver más filas
audit-export = Descargar estas filas (CSV)
audit-role-patient = Paciente
audit-role-proxy = Representante
audit-role-clinician = Médico u otro proveedor
audit-role-nurse = Enfermería
audit-role-front-desk = Recepción
audit-role-billing = Cobros
audit-role-admin = Administración
audit-role-security = Encargado de seguridad

# La revisión de la cadena.
audit-verify-title = Revisar el registro
audit-verify-intro = Cada fila está unida a la anterior. La revisión lee todas las filas y dice si alguna fue cambiada o quitada.
audit-verify = Revisar el registro de auditoría
audit-verify-checking = Revisando…
audit-verify-intact = { $count ->
    [one] El registro de auditoría está completo: se revisó 1 fila.
   *[other] El registro de auditoría está completo: se revisaron { $rows } filas.
}
audit-verify-broken = El registro de auditoría no está completo. { $fault }

# Acceso de emergencia.
emergency-title = Acceso de emergencia
emergency-intro = En una emergencia, un médico o una enfermera puede abrir el historial de un paciente que no atiende. Debe decir por qué. Revise cada uso y anote lo que encontró.
emergency-waiting-title = Por revisar
emergency-waiting-caption = Acceso de emergencia por revisar, del más nuevo al más viejo
emergency-waiting-none = No hay nada por revisar.
emergency-reviewed-title = Revisados
emergency-reviewed-caption = Acceso de emergencia ya revisado, del más nuevo al más viejo
emergency-reviewed-none = Todavía no se ha revisado nada.
emergency-col-who = Médico o enfermera
emergency-col-patient = ID del paciente
emergency-col-reason = Motivo que dio
emergency-col-started = Empezó
emergency-col-ends = Termina
emergency-col-action = Acción
emergency-col-reviewed = Revisado
emergency-col-finding = Lo que se encontró
emergency-review = Revisar
emergency-review-title = Revisar el acceso de emergencia de { $name }
emergency-review-about = Paciente { $id }, abierto el { $when }. El motivo que dio:
emergency-field-note = Lo que encontró
emergency-note-hint = Por ejemplo: a quién le preguntó y si el motivo era cierto.
emergency-error-note = Escriba lo que encontró, en { $count } caracteres o menos.
emergency-review-submit = Marcar como revisado
emergency-reviewed-done = Listo: el acceso de emergencia de { $name } está marcado como revisado.
emergency-reviewed-already = Otra persona lo revisó primero. Las listas ya están al día.
