"""A reference provincial server speaking the sync protocol, for tests, demos and technicians."""

from sync.provincial_server.cli import main
from sync.provincial_server.faults import Fault, FaultPlan, Hostility
from sync.provincial_server.province import ProvincialServer
from sync.provincial_server.serving import RunningServer, serve
from sync.provincial_server.sessions import DEMO_ACCOUNTS, Account

__all__ = ["DEMO_ACCOUNTS", "Account", "Fault", "FaultPlan", "Hostility", "ProvincialServer",
           "RunningServer", "main", "serve"]
