from django.urls import path

from claims import views

urlpatterns = [
    path("", views.factcheck_index, name="factcheck-index"),
    path("factchecks/<int:claim_id>/", views.factcheck_page, name="factcheck-page"),
]
