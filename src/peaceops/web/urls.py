from django.urls import path

from peaceops.web import account_views as accounts
from peaceops.web import views
from peaceops.web.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("missions/", views.mission_list, name="missions"),
    path("missions/<str:mission_id>/", views.mission_detail, name="mission"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/<str:organization_id>/", views.organization_detail, name="organization"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_detail, name="country"),
    path("analysis/", views.analysis, name="analysis"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<str:source_id>/", views.source_detail, name="source"),
    path("accounts/login/", accounts.sign_in, name="login"),
    path("accounts/verify/", accounts.verify, name="verify"),
    path("accounts/logout/", accounts.sign_out, name="logout"),
    path("entry/exchange/", accounts.new_exchange, name="new-exchange"),
    path("entry/meeting/", accounts.new_meeting, name="new-meeting"),
    path("entry/upload/", accounts.upload, name="upload"),
    path("proposals/", accounts.proposals, name="proposals"),
    path("proposals/<int:proposal_id>/review/", accounts.review, name="review"),
    path("audit/", accounts.audit, name="audit"),
    path("api/v1/", api.urls),
]

handler404 = "peaceops.web.views.not_found"
handler500 = "peaceops.web.views.server_error"
handler400 = "peaceops.web.views.bad_request"
